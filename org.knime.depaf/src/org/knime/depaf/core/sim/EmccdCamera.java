package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * An EMCCD (or, with EM gain 1, a CCD) camera.
 *
 * <p>Per pixel: photo-electrons n ~ Poisson(QE · photons); the gain register multiplies them by a gamma
 * (Erlang) variate of shape n and scale g (the standard high-gain model, mean n·g, excess noise factor √2); read
 * noise adds Normal(0, σ_read²) electrons; ADU = baseline + electrons / (e⁻ per ADU). With
 * {@code quantise16Bit} the value is rounded and clamped to [0, 65535] like a 16-bit camera. Mean:
 * baseline + photons · QE · g / (e⁻ per ADU). Immutable, thread-safe.
 */
public final class EmccdCamera implements CameraModel {

    private final double qe;
    private final double emGain;
    private final double baselineAdu;
    private final double readNoiseE;
    private final double electronsPerAdu;
    private final boolean quantise16Bit;

    /**
     * @param qe quantum efficiency in (0, 1]
     * @param emGain EM gain ≥ 1 (1: no gain register, a CCD)
     * @param baselineAdu offset added to every pixel, ADU
     * @param readNoiseE read-noise standard deviation in electrons (after the gain register), ≥ 0
     * @param electronsPerAdu conversion, e⁻ per ADU, &gt; 0
     * @param quantise16Bit whether to round and clamp to 16-bit values
     */
    public EmccdCamera(final double qe, final double emGain, final double baselineAdu, final double readNoiseE,
        final double electronsPerAdu, final boolean quantise16Bit) {
        if (!(qe > 0 && qe <= 1)) {
            throw new IllegalArgumentException("Quantum efficiency must be in (0, 1], got " + qe);
        }
        if (!(emGain >= 1) || Double.isInfinite(emGain)) {
            throw new IllegalArgumentException("EM gain must be a finite number ≥ 1, got " + emGain);
        }
        if (!Double.isFinite(baselineAdu) || !(readNoiseE >= 0) || Double.isInfinite(readNoiseE)
            || !(electronsPerAdu > 0) || Double.isInfinite(electronsPerAdu)) {
            throw new IllegalArgumentException("EMCCD needs a finite baseline (ADU), read noise ≥ 0 e⁻ and e⁻ per "
                + "ADU > 0, got baseline " + baselineAdu + ", read noise " + readNoiseE + ", e⁻/ADU "
                + electronsPerAdu);
        }
        this.qe = qe;
        this.emGain = emGain;
        this.baselineAdu = baselineAdu;
        this.readNoiseE = readNoiseE;
        this.electronsPerAdu = electronsPerAdu;
        this.quantise16Bit = quantise16Bit;
    }

    /** @return mean ADU per photon, QE · gain / (e⁻ per ADU) */
    public double aduPerPhoton() {
        return qe * emGain / electronsPerAdu;
    }

    /** @return the baseline in ADU */
    public double baselineAdu() {
        return baselineAdu;
    }

    @Override
    public void toAdu(final float[] photons, final float[] out, final int offset, final int width,
        final int height, final SplittableRandom rng) {
        final int end = offset + width * height;
        final double invEpa = 1 / electronsPerAdu;
        for (int i = offset; i < end; i++) {
            final long n = Sampling.poisson(rng, qe * Math.max(0, photons[i]));
            double e = n;
            if (emGain > 1 && n > 0) {
                e = Sampling.gamma(rng, n, emGain);
            }
            if (readNoiseE > 0) {
                e += readNoiseE * rng.nextGaussian();
            }
            double adu = baselineAdu + e * invEpa;
            if (quantise16Bit) {
                adu = Math.max(0, Math.min(65535, Math.rint(adu)));
            }
            out[i] = (float)adu;
        }
    }

    @Override
    public double meanAdu(final int pixel, final double photons) {
        return baselineAdu + photons * aduPerPhoton();
    }

    @Override
    public String toString() {
        return "EMCCD QE " + qe + ", EM gain " + emGain + ", baseline " + baselineAdu + " ADU, read noise "
            + readNoiseE + " e⁻, " + electronsPerAdu + " e⁻/ADU";
    }
}
