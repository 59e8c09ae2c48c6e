package org.knime.depaf.core.fit;

/**
 * How camera values (ADU) relate to photons, for the likelihood of the fit: {@code photons = (ADU − offset) /
 * gain}, of which the fraction QE became photoelectrons, the Poisson counts. An EMCCD amplifies with an excess noise
 * factor of √2 (the variance of the output is twice that of a Poisson count), which the fit treats as Poisson counts
 * of half the size ({@link #countScale()}); a CCD or sCMOS camera adds Gaussian read noise, which the fit adds as a
 * Poisson-distributed constant of the same variance (Huang et al., Nat. Methods 2013). Photons are those that reached
 * the camera, as the simulator's and the challenge's ground truths count them.
 *
 * @param offsetAdu the camera's baseline in ADU (what a dark pixel reads)
 * @param aduPerPhoton total gain: ADU per photon reaching the camera (EMCCD: QE × EM gain ÷ electrons per ADU)
 * @param qe quantum efficiency: the fraction of photons that become counted electrons, in (0, 1]
 * @param emccd whether the camera multiplies electrons (excess noise factor √2)
 * @param readNoiseAdu read noise standard deviation in ADU (matters without EM gain)
 */
public record CameraCalibration(double offsetAdu, double aduPerPhoton, double qe, boolean emccd,
    double readNoiseAdu) {

    /**
     * The EMCCD of the 2016 SMLM challenge (and of the project's simulator): baseline 100 ADU, QE 0.9, EM gain 300,
     * 45 e⁻/ADU (6 ADU per photon), read noise 74.4 e⁻ (1.65 ADU).
     */
    public static final CameraCalibration EPFL_2016_EMCCD = new CameraCalibration(100, 6, 0.9, true, 74.4 / 45);

    /** Checks the values; messages name the option. */
    public CameraCalibration {
        if (!Double.isFinite(offsetAdu)) {
            throw new IllegalArgumentException("Camera offset must be a number of ADU, got " + offsetAdu);
        }
        if (!(aduPerPhoton > 0) || !Double.isFinite(aduPerPhoton)) {
            throw new IllegalArgumentException("Camera gain must be a number of ADU per photon > 0, got "
                + aduPerPhoton);
        }
        if (!(qe > 0 && qe <= 1)) {
            throw new IllegalArgumentException("Camera quantum efficiency must be in (0, 1], got " + qe);
        }
        if (!(readNoiseAdu >= 0) || !Double.isFinite(readNoiseAdu)) {
            throw new IllegalArgumentException("Camera read noise must be a number of ADU ≥ 0, got " + readNoiseAdu);
        }
    }

    /** @return the same camera with another gain */
    public CameraCalibration withAduPerPhoton(final double gain) {
        return new CameraCalibration(offsetAdu, gain, qe, emccd, readNoiseAdu);
    }

    /** @return photons for a camera value (negative below the offset: noise) */
    public double photons(final double adu) {
        return (adu - offsetAdu) / aduPerPhoton;
    }

    /**
     * @return the factor that turns photons into the counts the Poisson likelihood sees: QE, halved for an EMCCD
     *         (variance twice the mean)
     */
    public double countScale() {
        return emccd ? qe / 2 : qe;
    }

    /** @return the read noise variance in counts (added to model and data); 0 for an EMCCD, where gain hides it */
    public double readNoiseCounts() {
        if (emccd) {
            return 0;
        }
        final double electrons = readNoiseAdu * qe / aduPerPhoton;
        return electrons * electrons;
    }
}
