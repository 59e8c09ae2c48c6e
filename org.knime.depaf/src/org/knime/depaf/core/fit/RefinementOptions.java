package org.knime.depaf.core.fit;

import java.util.Objects;

/**
 * How DEPAF's localisations are refined ({@link LocalisationRefiner}).
 *
 * @param camera how camera values relate to photons
 * @param minLlr detections whose log-likelihood ratio ({@link LocalisationRefiner#LLR}) is below this are dropped as
 *            not supported by the data; 0 keeps every detection
 * @param gainFromData whether the camera's gain is read from the data (see
 *            {@link LocalisationRefiner#withGainFromData}) instead of taken from {@code camera}, whose offset, QE,
 *            EMCCD flag and read noise still apply
 */
public record RefinementOptions(CameraCalibration camera, double minLlr, boolean gainFromData) {

    /**
     * The default threshold of the likelihood-ratio test: chosen on the benchmark's density grid (docs/benchmarks.md),
     * where it removes most of DEPAF's weak false detections and almost no true emitter.
     */
    public static final double DEFAULT_MIN_LLR = 50;

    /**
     * The camera assumed when the user says nothing: offset 100 ADU (the usual EMCCD and many sCMOS baselines), QE 1
     * (photons are detected photons), no EM gain, no read noise; the gain is read from the data.
     */
    public static final CameraCalibration DEFAULT_CAMERA = new CameraCalibration(100, 1, 1, false, 0);

    /** @return the defaults: {@link #DEFAULT_CAMERA}, its gain from the data, {@link #DEFAULT_MIN_LLR} */
    public static RefinementOptions defaults() {
        return new RefinementOptions(DEFAULT_CAMERA, DEFAULT_MIN_LLR, true);
    }

    /**
     * @param camera how camera values relate to photons, gain included
     * @param minLlr the likelihood-ratio threshold
     */
    public RefinementOptions(final CameraCalibration camera, final double minLlr) {
        this(camera, minLlr, false);
    }

    /** @return the same options with another camera, whose gain is taken as given */
    public RefinementOptions withCamera(final CameraCalibration c) {
        return new RefinementOptions(c, minLlr, false);
    }

    /** Checks the values; messages name the option. */
    public RefinementOptions {
        Objects.requireNonNull(camera, "camera");
        if (!(minLlr >= 0) || !Double.isFinite(minLlr)) {
            throw new IllegalArgumentException("The minimum log-likelihood ratio must be a number ≥ 0 (0 keeps every "
                + "detection), got " + minLlr);
        }
    }
}
