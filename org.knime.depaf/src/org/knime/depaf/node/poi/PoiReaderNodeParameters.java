package org.knime.depaf.node.poi;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.PoiRecipe;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.widget.choices.Label;

/** Settings of the POI Reader; every option is also a flow variable. */
public final class PoiReaderNodeParameters implements NodeParameters {

    private static final PoiRecipe DEFAULTS = PoiRecipe.defaults();

    /** Sections, shown in the order of their names. */
    interface Sections {
        /** What the POI is made from. */
        @Section(title = "Source")
        interface S1Source {
        }

        /** Gaussian POIs. */
        @Section(title = "Gaussian")
        interface S2Gaussian {
        }

        /** Elliptical Gaussian. */
        @Section(title = "Elliptical Gaussian")
        interface S3Elliptical {
        }

        /** 1-D spike. */
        @Section(title = "1-D spike (calcium transient)")
        interface S4Spike {
        }

        /** Bead calibration. */
        @Section(title = "Bead calibration")
        interface S5Beads {
        }
    }

    /** How the POI is made (the dialog's labels). */
    enum SourceChoice {
        @Label(value = "File", description = "Read the POI from a TIFF or MAT file: one frame is a 2-D POI, "
            + "several frames a z-stack, a single column (or row) a 1-D POI.")
        FILE(PoiRecipe.Source.FILE),
        @Label(value = "Gaussian (σ)", description = "An isotropic Gaussian PSF of the given σ in pixels.")
        GAUSSIAN_SIGMA(PoiRecipe.Source.GAUSSIAN_SIGMA),
        @Label(value = "Gaussian (FWHM)", description = "An isotropic Gaussian PSF of the given FWHM in nm; needs "
            + "the pixel size.")
        GAUSSIAN_FWHM(PoiRecipe.Source.GAUSSIAN_FWHM),
        @Label(value = "Elliptical Gaussian", description = "A Gaussian with different widths along y and x, "
            + "optionally rotated (e.g. MERFISH spots).")
        ELLIPTICAL(PoiRecipe.Source.ELLIPTICAL),
        @Label(value = "1-D spike", description = "An exponentially decaying spike for calcium traces.")
        SPIKE(PoiRecipe.Source.SPIKE),
        @Label(value = "Bead z-stack", description = "A 3-D POI calibrated from a z-stack of fluorescent beads.")
        BEADS(PoiRecipe.Source.BEADS);

        private final PoiRecipe.Source m_source;

        SourceChoice(final PoiRecipe.Source source) {
            m_source = source;
        }
    }

    @Layout(Sections.S1Source.class)
    @Widget(title = "POI source", description = "How the pattern of interest (the PSF or signal shape DEPAF fits) "
        + "is made.")
    SourceChoice m_source = SourceChoice.valueOf(DEFAULTS.source().name());

    @Layout(Sections.S1Source.class)
    @Widget(title = "File", description = "The POI file (source 'File') or the bead z-stack (source 'Bead "
        + "z-stack'): TIFF (.tif, .tiff) or MATLAB (.mat).")
    String m_file = DEFAULTS.file();

    @Layout(Sections.S1Source.class)
    @Widget(title = "Pixel size [nm]", description = "Camera pixel size in nm of the POI (the same as the data's). "
        + "0 when unknown; required for 'Gaussian (FWHM)'.")
    double m_pixelSizeNm = DEFAULTS.pixelSizeNm();

    @Layout(Sections.S1Source.class)
    @Widget(title = "z step [nm]", description = "Spacing of the slices of a z-stack POI or bead stack in nm "
        + "(required for 'Bead z-stack'); 0 when unknown.")
    double m_zStepNm = DEFAULTS.zStepNm();

    @Layout(Sections.S2Gaussian.class)
    @Widget(title = "σ [px]", description = "Standard deviation of the Gaussian in camera pixels (source "
        + "'Gaussian (σ)'); typically 1 to 2.")
    double m_sigmaPx = DEFAULTS.sigmaPx();

    @Layout(Sections.S2Gaussian.class)
    @Widget(title = "FWHM [nm]", description = "Full width at half maximum of the Gaussian in nm (source "
        + "'Gaussian (FWHM)').")
    double m_fwhmNm = DEFAULTS.fwhmNm();

    @Layout(Sections.S2Gaussian.class)
    @Widget(title = "POI size [px]", description = "Side of the square POI in pixels, odd; 0 for 2·ceil(3σ) + 1.")
    int m_sizePx = DEFAULTS.sizePx();

    @Layout(Sections.S3Elliptical.class)
    @Widget(title = "σ y [px]", description = "Standard deviation along the (rotated) y axis in pixels.")
    double m_sigmaYPx = DEFAULTS.sigmaYPx();

    @Layout(Sections.S3Elliptical.class)
    @Widget(title = "σ x [px]", description = "Standard deviation along the (rotated) x axis in pixels.")
    double m_sigmaXPx = DEFAULTS.sigmaXPx();

    @Layout(Sections.S3Elliptical.class)
    @Widget(title = "Angle [°]", description = "Rotation of the x axis towards +y in degrees (0 = axis-aligned).")
    double m_angleDeg = DEFAULTS.angleDeg();

    @Layout(Sections.S4Spike.class)
    @Widget(title = "Decay time constant [frames]", description = "Decay time constant τ of the spike in samples "
        + "(frames of the trace).")
    double m_tauSamples = DEFAULTS.tauSamples();

    @Layout(Sections.S4Spike.class)
    @Widget(title = "Rise time constant [frames]", description = "Rise time constant in samples; 0 for an instant "
        + "rise.")
    double m_riseSamples = DEFAULTS.riseSamples();

    @Layout(Sections.S5Beads.class)
    @Widget(title = "Bead window [px]", description = "Side of the window cut around each bead, odd, in pixels; it "
        + "becomes the POI's size.")
    int m_beadWindowPx = DEFAULTS.beadWindowPx();

    @Layout(Sections.S5Beads.class)
    @Widget(title = "Focus slice", description = "The focal plane (z = 0) of the bead stack, counted from 1; beads "
        + "are found on it too. 0 finds it (astigmatism: where σx = σy; double helix: halfway through the lobes' "
        + "rotation) and finds the beads on the brightest slice. The POI is cropped so that its centre slice is the "
        + "focal plane.")
    int m_beadFocusSlice = DEFAULTS.beadFocusSlice();

    /** @return the options as the adapter's value object */
    PoiRecipe toRecipe() {
        return new PoiRecipe(m_source.m_source, m_file, m_pixelSizeNm, m_zStepNm, m_sigmaPx, m_fwhmNm, m_sizePx,
            m_sigmaYPx, m_sigmaXPx, m_angleDeg, m_tauSamples, m_riseSamples, m_beadWindowPx, m_beadFocusSlice);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toRecipe().validateSettings();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
