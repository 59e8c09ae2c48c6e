package org.knime.depaf.cli;

import java.util.Locale;

import org.knime.depaf.core.fit.CameraCalibration;
import org.knime.depaf.core.fit.RefinementOptions;

import picocli.CommandLine.Option;

/**
 * The refinement of localisations by fitting and the camera it needs, with the Predictor node's names and the
 * engine's defaults ({@link RefinementOptions#defaults()}).
 */
final class FitCliOptions {

    private static final CameraCalibration D = RefinementOptions.DEFAULT_CAMERA;

    @Option(names = "--fit", negatable = true, defaultValue = "true", fallbackValue = "true", order = 40,
        description = "Refine every detection by a maximum-likelihood fit of the POI to the camera pixels, merge "
            + "detections that are one emitter, add emitters DEPAF missed and drop those the data do not support "
            + "(default on; --no-fit keeps DEPAF's positions). Adds photons, background and uncertainty columns.")
    boolean fit = true;

    @Option(names = "--camera-offset", paramLabel = "ADU", order = 41,
        description = "Camera baseline: what a dark pixel reads (default ${DEFAULT-VALUE}).")
    double offset = D.offsetAdu();

    @Option(names = "--camera-gain", paramLabel = "ADU_PER_PHOTON", order = 42,
        description = "ADU per photon (EMCCD: QE × EM gain ÷ electrons per ADU), or 'auto' (default) to read it "
            + "from the noise of the fits.")
    String gain = "auto";

    @Option(names = "--emccd", order = 43,
        description = "The camera multiplies electrons (EM gain): its excess noise doubles the variance.")
    boolean emccd = D.emccd();

    @Option(names = "--qe", paramLabel = "FRACTION", order = 44,
        description = "Quantum efficiency, to count photons reaching the camera (default 1: detected photons).")
    double qe = D.qe();

    @Option(names = "--read-noise", paramLabel = "ADU", order = 45,
        description = "Read noise standard deviation of a CCD or sCMOS camera (default ${DEFAULT-VALUE}).")
    double readNoise = D.readNoiseAdu();

    @Option(names = "--min-llr", paramLabel = "LLR", order = 46,
        description = "Drop detections whose log-likelihood ratio against 'background and neighbours only' is "
            + "below this (default ${DEFAULT-VALUE}; 0 keeps every detection).")
    double minLlr = RefinementOptions.DEFAULT_MIN_LLR;

    /** @return the engine's refinement options, or null with --no-fit */
    RefinementOptions toRefinement() {
        if (!fit) {
            return null;
        }
        final boolean auto = gain == null || gain.trim().equalsIgnoreCase("auto");
        final double adu;
        if (auto) {
            adu = D.aduPerPhoton();
        } else {
            try {
                adu = Double.parseDouble(gain.trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("--camera-gain must be a number of ADU per photon > 0 or 'auto', got '"
                    + gain + "'");
            }
        }
        try {
            return new RefinementOptions(new CameraCalibration(offset, adu, qe, emccd, readNoise), minLlr, auto);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage().toLowerCase(Locale.ROOT).startsWith("camera")
                ? e.getMessage() + " (--camera-offset, --camera-gain, --qe, --read-noise)" : e.getMessage()
                    + " (--min-llr)");
        }
    }
}
