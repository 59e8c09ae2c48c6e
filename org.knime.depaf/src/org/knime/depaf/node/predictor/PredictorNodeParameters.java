package org.knime.depaf.node.predictor;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.FitOptions;
import org.knime.depaf.node.adapter.PredictorOptions;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;

/** Settings of the DEPAF Predictor; every option is also a flow variable. */
public final class PredictorNodeParameters implements NodeParameters {

    private static final PredictorOptions D = PredictorOptions.defaults();

    private static final FitOptions F = FitOptions.defaults();

    /** Sections, shown in the order of their names. */
    interface Sections {
        /** Outputs. */
        @Section(title = "Outputs")
        interface S1Outputs {
        }

        /** Fitting and the camera. */
        @Section(title = "Fitting and camera")
        interface S2Fitting {
        }

        /** Tiling and memory. */
        @Section(title = "Tiling and memory")
        @Advanced
        interface S3Tiling {
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

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "Fit every detection", description = "Refine each detection by a maximum-likelihood fit of "
        + "the model's POI and a local background to the camera pixels (positions to the precision the photons "
        + "allow, not DEPAF's grid). Detections that are one emitter's light are merged, emitters DEPAF missed "
        + "next to a fitted one are added, and detections the data do not support are dropped. Adds photons, "
        + "background and uncertainty (Cramér–Rao bound) columns. Models with a 2-D POI only.")
    boolean m_fit = F.fit();

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "Camera offset [ADU]", description = "What a dark pixel of the camera reads (its baseline).")
    double m_cameraOffsetAdu = F.cameraOffsetAdu();

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "Camera gain [ADU per photon]", description = "Camera values per photon (for an EMCCD: "
        + "quantum efficiency × EM gain ÷ electrons per ADU). 0 reads it from the data: the spread of the fits' "
        + "residuals says how many ADU one photon makes.")
    double m_cameraGain = F.cameraGain();

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "EMCCD camera", description = "The camera multiplies electrons (EM gain), which doubles the "
        + "noise variance; tick it for photon counts that are right.")
    boolean m_emccd = F.emccd();

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "Quantum efficiency", description = "The fraction of photons the camera detects; 1 counts "
        + "detected photons.")
    double m_qe = F.qe();

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "Read noise [ADU]", description = "Read noise standard deviation of a CCD or sCMOS camera "
        + "(0 for an EMCCD, whose gain hides it).")
    double m_readNoiseAdu = F.readNoiseAdu();

    @Layout(Sections.S2Fitting.class)
    @Widget(title = "Minimum log-likelihood ratio", description = "Detections whose fit explains the pixels less "
        + "than this much better than background and neighbours alone are dropped as not supported by the data "
        + "(column 'llr'); 0 keeps every detection.")
    double m_minLlr = F.minLlr();

    @Layout(Sections.S3Tiling.class)
    @Widget(title = "Patch size", description = "Side of the square patches the frames are cut into, on the "
        + "network's upsampled grid, a multiple of 2^encoder depth; 0 for the default (up to 256).")
    int m_patchSize = D.patchSize();

    @Layout(Sections.S3Tiling.class)
    @Widget(title = "Patch stride", description = "Distance between neighbouring patches on the upsampled grid (they "
        + "overlap and are blended); 0 for half a patch.")
    int m_stride = D.stride();

    @Layout(Sections.S3Tiling.class)
    @Widget(title = "Batch size [frames]", description = "Frames read and processed together; memory grows with it, "
        + "not with the length of the stack.")
    int m_batchSize = D.batchSize();

    /** @return the options as the adapter's value object */
    PredictorOptions toOptions() {
        return new PredictorOptions(m_patchSize, m_stride, m_batchSize, m_pixelSizeNm, m_synthesis, m_background);
    }

    /** @return the fitting options as the adapter's value object */
    FitOptions toFitOptions() {
        return new FitOptions(m_fit, m_cameraOffsetAdu, m_cameraGain, m_emccd, m_qe, m_readNoiseAdu, m_minLlr);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toOptions().validate();
            toFitOptions().validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
