package org.knime.depaf.node.threshold;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/** Settings of the Threshold Optimizer; every option is also a flow variable. */
public final class ThresholdOptimizerNodeParameters implements NodeParameters {

    @Widget(title = "Number of patches", description = "Patches cut at random from the stack's frames on which the "
        + "threshold is chosen (more patches: a steadier choice, a longer run). 128 is usual.")
    int m_patches = 128;

    @Widget(title = "Random seed", description = "Seed of the choice of frames and patch positions.")
    long m_seed = 42;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_patches < 1) {
            throw new InvalidSettingsException("Number of patches must be ≥ 1 (128 is usual); it is " + m_patches);
        }
    }
}
