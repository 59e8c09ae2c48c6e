package org.knime.depaf.node.evaluator;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.EvaluatorOptions;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;

/** Settings of the Localisation Evaluator; every option is also a flow variable. */
public final class EvaluatorNodeParameters implements NodeParameters {

    private static final EvaluatorOptions D = EvaluatorOptions.defaults();

    /** Sections, shown in the order of their names. */
    interface Sections {
        /** Matching. */
        @Section(title = "Matching")
        interface S1Matching {
        }

        /** Border. */
        @Section(title = "Border")
        @Advanced
        interface S2Border {
        }
    }

    @Layout(Sections.S1Matching.class)
    @Widget(title = "Lateral tolerances [nm]", description = "A localisation and a true emitter of the same frame "
        + "count as a match when they are at most this far apart in x–y. One result row per tolerance, separated by "
        + "commas; the 2016 SMLM challenge used 250 nm, 100 nm is stricter.")
    String m_tolerancesNm = D.tolerancesNm();

    @Layout(Sections.S1Matching.class)
    @Widget(title = "Axial tolerance [nm]", description = "3-D: also require the z difference to be at most this "
        + "(both tables need 'z [nm]'); the challenge used 500 nm. 0: no condition on z.")
    double m_axialToleranceNm = D.axialToleranceNm();

    @Layout(Sections.S2Border.class)
    @Widget(title = "Border [nm]", description = "Leave out true emitters and localisations closer than this to the "
        + "edge of the field (the challenge left out 450 nm); needs the field size. 0: keep everything.")
    double m_borderNm = D.borderNm();

    @Layout(Sections.S2Border.class)
    @Widget(title = "Field width [nm]", description = "Width of the camera field in nm (pixels × pixel size), for "
        + "the border.")
    double m_fieldWidthNm = D.fieldWidthNm();

    @Layout(Sections.S2Border.class)
    @Widget(title = "Field height [nm]", description = "Height of the camera field in nm, for the border.")
    double m_fieldHeightNm = D.fieldHeightNm();

    /** @return the options as the adapter's value object */
    EvaluatorOptions toOptions() {
        return new EvaluatorOptions(m_tolerancesNm, m_axialToleranceNm, m_borderNm, m_fieldWidthNm, m_fieldHeightNm);
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
