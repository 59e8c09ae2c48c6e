package org.knime.depaf.node.adapter;

import org.knime.depaf.core.fit.CameraCalibration;
import org.knime.depaf.core.fit.RefinementOptions;

/**
 * The DEPAF Predictor's fitting and camera options as plain values, and their translation into
 * {@link RefinementOptions}; the defaults are the engine's ({@link RefinementOptions#defaults()}).
 *
 * @param fit whether every detection is refined by a fit of the POI to the camera pixels
 * @param cameraOffsetAdu the camera's baseline in ADU
 * @param cameraGain ADU per photon, or 0 to read the gain from the data
 * @param emccd whether the camera multiplies electrons (EM gain)
 * @param qe quantum efficiency in (0, 1]
 * @param readNoiseAdu read noise standard deviation in ADU
 * @param minLlr the likelihood-ratio threshold below which detections are dropped; 0 keeps every detection
 */
public record FitOptions(boolean fit, double cameraOffsetAdu, double cameraGain, boolean emccd, double qe,
    double readNoiseAdu, double minLlr) {

    /** @return the engine's defaults: fitting on, its default camera with the gain read from the data */
    public static FitOptions defaults() {
        final CameraCalibration c = RefinementOptions.DEFAULT_CAMERA;
        return new FitOptions(true, c.offsetAdu(), 0, c.emccd(), c.qe(), c.readNoiseAdu(),
            RefinementOptions.DEFAULT_MIN_LLR);
    }

    /**
     * @throws IllegalArgumentException naming the option as the dialog shows it and saying what to change
     */
    public void validate() {
        toRefinement();
    }

    /**
     * @return the engine's refinement options, or null when fitting is off
     * @throws IllegalArgumentException naming the option as the dialog shows it
     */
    public RefinementOptions toRefinement() {
        if (!(cameraGain >= 0) || !Double.isFinite(cameraGain)) {
            throw new IllegalArgumentException("Camera gain must be a number of ADU per photon > 0, or 0 to read it "
                + "from the data; it is " + cameraGain);
        }
        if (!Double.isFinite(cameraOffsetAdu)) {
            throw new IllegalArgumentException("Camera offset must be a number of ADU; it is " + cameraOffsetAdu);
        }
        if (!(qe > 0 && qe <= 1)) {
            throw new IllegalArgumentException("Quantum efficiency must be in (0, 1]; it is " + qe);
        }
        if (!(readNoiseAdu >= 0) || !Double.isFinite(readNoiseAdu)) {
            throw new IllegalArgumentException("Read noise must be a number of ADU ≥ 0; it is " + readNoiseAdu);
        }
        if (!(minLlr >= 0) || !Double.isFinite(minLlr)) {
            throw new IllegalArgumentException("Minimum log-likelihood ratio must be ≥ 0 (0 keeps every detection); "
                + "it is " + minLlr);
        }
        if (!fit) {
            return null;
        }
        final boolean fromData = cameraGain == 0;
        return new RefinementOptions(new CameraCalibration(cameraOffsetAdu,
            fromData ? RefinementOptions.DEFAULT_CAMERA.aduPerPhoton() : cameraGain, qe, emccd, readNoiseAdu), minLlr,
            fromData);
    }
}
