package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * An sCMOS camera with per-pixel offset, read noise and gain maps.
 *
 * <p>Per pixel i: electrons n ~ Poisson(QE · photons); ADU = offset[i] + gain[i] · n + Normal(0, readNoise[i]²)
 * with the read noise in ADU. With {@code quantise16Bit} the value is rounded and clamped to [0, 65535]. The
 * maps have the frame's size (frames of other sizes are refused). Immutable (maps copied), thread-safe.
 */
public final class ScmosCamera implements CameraModel {

    private final double qe;
    private final float[] offsetAdu;
    private final float[] readNoiseAdu;
    private final float[] gainAduPerE;
    private final int width;
    private final int height;
    private final boolean quantise16Bit;

    /**
     * @param qe quantum efficiency in (0, 1]
     * @param offsetAdu per-pixel offset, ADU (width·height values, row-major)
     * @param readNoiseAdu per-pixel read-noise standard deviation, ADU, ≥ 0
     * @param gainAduPerE per-pixel gain, ADU per electron, &gt; 0
     * @param width map width
     * @param height map height
     * @param quantise16Bit whether to round and clamp to 16-bit values
     */
    public ScmosCamera(final double qe, final float[] offsetAdu, final float[] readNoiseAdu,
        final float[] gainAduPerE, final int width, final int height, final boolean quantise16Bit) {
        if (!(qe > 0 && qe <= 1)) {
            throw new IllegalArgumentException("Quantum efficiency must be in (0, 1], got " + qe);
        }
        final int n = width * height;
        if (width < 1 || height < 1 || offsetAdu.length != n || readNoiseAdu.length != n
            || gainAduPerE.length != n) {
            throw new IllegalArgumentException("sCMOS maps must each have width·height = " + n + " values, got "
                + offsetAdu.length + ", " + readNoiseAdu.length + " and " + gainAduPerE.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(offsetAdu[i]) || !(readNoiseAdu[i] >= 0) || !(gainAduPerE[i] > 0)) {
                throw new IllegalArgumentException("sCMOS pixel " + i + ": offset must be finite, read noise ≥ 0 "
                    + "and gain > 0, got " + offsetAdu[i] + ", " + readNoiseAdu[i] + ", " + gainAduPerE[i]);
            }
        }
        this.qe = qe;
        this.offsetAdu = offsetAdu.clone();
        this.readNoiseAdu = readNoiseAdu.clone();
        this.gainAduPerE = gainAduPerE.clone();
        this.width = width;
        this.height = height;
        this.quantise16Bit = quantise16Bit;
    }

    /**
     * A camera with random maps, as measured sCMOS cameras look: offsets Normal(offset, offsetSd²), read noise
     * log-normal with the given median (ADU) and a spread of factor ~1.5, gains Normal(gain, (0.02·gain)²).
     */
    public static ScmosCamera random(final int width, final int height, final double qe, final double offsetAdu,
        final double offsetSdAdu, final double readNoiseMedianAdu, final double gainAduPerE,
        final boolean quantise16Bit, final long seed) {
        final SplittableRandom rng = new SplittableRandom(seed);
        final int n = width * height;
        final float[] off = new float[n];
        final float[] rn = new float[n];
        final float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            off[i] = (float)(offsetAdu + offsetSdAdu * rng.nextGaussian());
            rn[i] = (float)(readNoiseMedianAdu * Math.exp(0.4 * rng.nextGaussian()));
            g[i] = (float)Math.max(1e-6, gainAduPerE * (1 + 0.02 * rng.nextGaussian()));
        }
        return new ScmosCamera(qe, off, rn, g, width, height, quantise16Bit);
    }

    @Override
    public void toAdu(final float[] photons, final float[] out, final int offset, final int w, final int h,
        final SplittableRandom rng) {
        if (w != width || h != height) {
            throw new IllegalArgumentException("sCMOS maps are " + width + " × " + height + " px but the frame is "
                + w + " × " + h);
        }
        final int n = w * h;
        for (int p = 0; p < n; p++) {
            final int i = offset + p;
            final long e = Sampling.poisson(rng, qe * Math.max(0, photons[i]));
            double adu = offsetAdu[p] + gainAduPerE[p] * e + readNoiseAdu[p] * rng.nextGaussian();
            if (quantise16Bit) {
                adu = Math.max(0, Math.min(65535, Math.rint(adu)));
            }
            out[i] = (float)adu;
        }
    }

    @Override
    public double meanAdu(final int pixel, final double photons) {
        return offsetAdu[pixel] + gainAduPerE[pixel] * qe * photons;
    }
}
