package org.knime.depaf.node.predictor;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.PredictorOptions;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;

/** Settings of the DEPAF Predictor; every option is also a flow variable. */
public final class PredictorNodeParameters implements NodeParameters {

    private static final PredictorOptions D = PredictorOptions.defaults();

    /** Sections, shown in the order of their names. */
    interface Sections {
        /** Outputs. */
        @Section(title = "Outputs")
        interface S1Outputs {
        }

        /** Tiling and memory. */
        @Section(title = "Tiling and memory")
        @Advanced
        interface S2Tiling {
        }
    }

    @Layout(Sections.S1Outputs.class)
    @Widget(title = "Pixel size [nm]", description = "Camera pixel size in nm for the localisations' positions; 0 "
        + "takes the stack's pixel size (or, when the stack has none, the POI's).")
    double m_pixelSizeNm = D.pixelSizeNm();

    @Layout(Sections.S1Outputs.class)
    @Widget(title = "Output the re-synthesised stack", description = "Also output the detections re-synthesised "
        + "with the POI (a noise- and background-free stack in camera units), to check the fit. Otherwise the port "
        + "is inactive.")
    boolean m_synthesis = D.synthesis();

    @Layout(Sections.S1Outputs.class)
    @Widget(title = "Output the background stack", description = "Also output the estimated background (camera "
        + "units); needs a model trained with 'Learn background'. Otherwise the port is inactive.")
    boolean m_background = D.background();

    @Layout(Sections.S2Tiling.class)
    @Widget(title = "Patch size", description = "Side of the square patches the frames are cut into, on the "
        + "network's upsampled grid, a multiple of 2^encoder depth; 0 for the default (up to 256).")
    int m_patchSize = D.patchSize();

    @Layout(Sections.S2Tiling.class)
    @Widget(title = "Patch stride", description = "Distance between neighbouring patches on the upsampled grid (they "
        + "overlap and are blended); 0 for half a patch.")
    int m_stride = D.stride();

    @Layout(Sections.S2Tiling.class)
    @Widget(title = "Batch size [frames]", description = "Frames read and processed together; memory grows with it, "
        + "not with the length of the stack.")
    int m_batchSize = D.batchSize();

    /** @return the options as the adapter's value object */
    PredictorOptions toOptions() {
        return new PredictorOptions(m_patchSize, m_stride, m_batchSize, m_pixelSizeNm, m_synthesis, m_background);
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
