package org.knime.depaf.core.poi;

/**
 * A 1-D spike kernel (calcium transient) as a {@link Poi.Kind#TRACE_1D} POI: a column of {@code length} samples.
 *
 * <p>Shape, with t = sample index − onset (in samples): 0 for t &lt; 0; for t ≥ 0
 * {@code exp(−t/τ)} (instant rise, value 1 at the onset) or, with a rise time τ_r &gt; 0,
 * {@code (1 − exp(−t/τ_r))·exp(−t/τ)} scaled to peak 1. By default the onset is the centre sample
 * (length − 1)/2, so the position DEPAF reports for a detected spike (the POI centre) is its onset; the
 * default length 2·ceil(5τ) + 1 keeps 5 decay constants after the onset.
 */
public final class SpikePoi {

    private SpikePoi() {
    }

    /**
     * An instantly rising, exponentially decaying spike with the default length and the onset at the centre.
     *
     * @param tauSamples decay time constant in samples, &gt; 0
     */
    public static Poi exponential(final double tauSamples) {
        return exponential(tauSamples, 0, 0, -1);
    }

    /**
     * @param tauSamples decay time constant in samples, &gt; 0
     * @param riseSamples rise time constant in samples, ≥ 0 (0 = instant rise)
     * @param length number of samples, odd; 0 for 2·ceil(5τ) + 1
     * @param onset index of the onset sample (0-based), or −1 for the centre (length − 1)/2
     * @return a POI of height {@code length}, width 1
     * @throws IllegalArgumentException naming the bad parameter
     */
    public static Poi exponential(final double tauSamples, final double riseSamples, final int length,
        final int onset) {
        GaussianPoi.requirePositive(tauSamples, "spike decay time constant (samples)");
        if (!(riseSamples >= 0) || Double.isInfinite(riseSamples)) {
            throw new IllegalArgumentException("The spike rise time constant (samples) must be a finite number ≥ 0, "
                + "got " + riseSamples);
        }
        final double defaultLength = 2 * Math.ceil(5 * tauSamples) + 1;
        if (length == 0 && defaultLength > Poi.MAX_VALUES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "A spike POI with decay time "
                + "constant %.4g samples would be %.0f samples long; DEPAF accepts POIs of at most %d values: use a "
                + "smaller decay time constant, or set the length", tauSamples, defaultLength, Poi.MAX_VALUES));
        }
        final int n = length == 0 ? (int)defaultLength : length;
        if (n < 1 || n % 2 == 0 || n > Poi.MAX_VALUES) {
            throw new IllegalArgumentException("The spike POI length must be an odd number of samples from 1 to "
                + Poi.MAX_VALUES + ", got " + n);
        }
        final int t0 = onset == -1 ? (n - 1) / 2 : onset;
        if (t0 < 0 || t0 >= n) {
            throw new IllegalArgumentException("The spike onset must be a sample index in [0, " + (n - 1)
                + "], got " + onset);
        }
        final double[] v = new double[n];
        double max = 0;
        for (int i = t0; i < n; i++) {
            final double t = i - t0;
            double f = Math.exp(-t / tauSamples);
            if (riseSamples > 0) {
                f *= 1 - Math.exp(-t / riseSamples);
            }
            v[i] = f;
            max = Math.max(max, f);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("The spike POI is flat: length " + n + " with onset " + t0
                + " leaves no sample after the rise");
        }
        final float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float)(v[i] / max);
        }
        return new Poi(out, 1, n, 1, Poi.Kind.TRACE_1D, Double.NaN, Double.NaN,
            String.format(java.util.Locale.ROOT, "spike kernel (tau %.4g, rise %.4g samples, onset %d)",
                tauSamples, riseSamples, t0));
    }
}
