package org.knime.depaf.node.background;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.PredictorOptions;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/** Settings of the Background Estimator; every option is also a flow variable. */
public final class BackgroundEstimatorNodeParameters implements NodeParameters {

    private static final PredictorOptions D = PredictorOptions.defaults();

    @Widget(title = "Patch size", description = "Side of the square patches on the network's upsampled grid, a "
        + "multiple of 2^encoder depth; 0 for the default (up to 256).")
    int m_patchSize = D.patchSize();

    @Widget(title = "Patch stride", description = "Distance between neighbouring patches on the upsampled grid; 0 "
        + "for half a patch.")
    int m_stride = D.stride();

    @Widget(title = "Batch size [frames]", description = "Frames processed together; memory grows with it.")
    int m_batchSize = D.batchSize();

    /** @return the options as the adapter's value object */
    PredictorOptions toOptions() {
        return new PredictorOptions(m_patchSize, m_stride, m_batchSize, 0, false, true);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toOptions().validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
