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

    @Widget(title = "Search range minimum", description = "Smallest threshold tried, in the units of the summed "
        + "amplitude maps (normalised intensity). 0 = automatic: the 0.01th percentile of the maps.")
    double m_rangeMin;

    @Widget(title = "Search range maximum", description = "Largest threshold tried. 0 = automatic: the 99.99th "
        + "percentile of the summed amplitude maps. Widen the range when the node warns that the threshold lies at "
        + "its edge.")
    double m_rangeMax;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_patches < 1) {
            throw new InvalidSettingsException("Number of patches must be ≥ 1 (128 is usual); it is " + m_patches);
        }
        if (!(m_rangeMin >= 0) || !(m_rangeMax >= 0) || Double.isInfinite(m_rangeMin)
            || Double.isInfinite(m_rangeMax)) {
            throw new InvalidSettingsException("Search range minimum and maximum must be numbers ≥ 0 (0 = automatic); "
                + "they are " + m_rangeMin + " and " + m_rangeMax);
        }
        if (m_rangeMax > 0 && m_rangeMax <= m_rangeMin) {
            throw new InvalidSettingsException("Search range maximum (" + m_rangeMax + ") must be larger than the "
                + "minimum (" + m_rangeMin + "), or 0 for automatic");
        }
    }
}
