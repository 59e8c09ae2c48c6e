package org.knime.depaf.core.poi;

import java.util.Objects;

import org.knime.depaf.core.resample.CenterKeepResampler;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/**
 * DEPAF's POI pipeline for training (method spec §3.1, steps 1–8).
 *
 * <ol>
 * <li>the POI as h × w × Z;</li>
 * <li>subtract each slice's minimum;</li>
 * <li>odd-size rule: per axis, m = ceil(n·r); if m is even, r = (m + 0.5)/n ({@link
 * UpsamplingRatios#adjustedToOddSizes});</li>
 * <li>centre-keeping resampling by (r_y, r_x, r_z), then clamp at 0;</li>
 * <li>divide each slice by its maximum;</li>
 * <li>divide everything by the mean over slices of the slice sums (mean slice integral 1, equal peaks);</li>
 * <li>NaN → 0 (a slice that was all zero);</li>
 * <li>C = the resulting number of slices.</li>
 * </ol>
 *
 * <p>One deliberate deviation: the reference divides by a mean that becomes NaN when any resampled slice is
 * all zero, which zeroes the whole POI in step 7; here such a slice counts with integral 0 and stays 0.
 *
 * <p>The output POI has the input's kind; its pixel size is the input's divided by r_x when r_y = r_x (NaN
 * otherwise) and its z step the input's divided by r_z. Stateless and thread-safe.
 */
public final class PoiPreprocessor {

    private PoiPreprocessor() {
    }

    /**
     * The shape {@link #preprocess} gives a POI, computed without allocating anything, so that callers can refuse
     * a POI that would not fit (into memory, or into the frames) before it is preprocessed.
     *
     * @param raw the POI as loaded or generated
     * @param ratios requested upsampling ratios (y, x, z)
     * @return slices, height and width after preprocessing
     * @throws IllegalArgumentException naming "upsampling ratio" for a ratio that does not fit the POI, or the
     *             POI, the ratios and the limit when the result would have more than {@link Poi#MAX_VALUES} values
     */
    public static int[] outputShape(final Poi raw, final UpsamplingRatios ratios) {
        ratios.requireCompatible(raw.height(), raw.width(), raw.channels(), "POI");
        final UpsamplingRatios r = ratios.adjustedToOddSizes(raw.height(), raw.width(), raw.channels());
        // ratios are ≥ 1, so each axis grows to ceil(n·r) (CenterKeepResampler.outputSize), here in double
        Poi.requireSize(Math.ceil(raw.channels() * r.z()), Math.ceil(raw.height() * r.y()),
            Math.ceil(raw.width() * r.x()), raw.source() + " with " + r,
            "use a smaller POI (sigma, FWHM or POI size) or smaller upsampling ratios");
        return new int[] {CenterKeepResampler.outputSize(raw.channels(), r.z()),
            CenterKeepResampler.outputSize(raw.height(), r.y()), CenterKeepResampler.outputSize(raw.width(), r.x())};
    }

    /**
     * @param raw the POI as loaded or generated
     * @param ratios requested upsampling ratios (y, x, z); must be 1 along a POI axis of size 1
     * @param method interpolation method
     * @return the preprocessed POI and the adjusted ratios
     * @throws IllegalArgumentException naming "upsampling ratio" for a ratio that does not fit the POI, or if
     *             the POI is flat (constant in every slice)
     */
    public static PreprocessedPoi preprocess(final Poi raw, final UpsamplingRatios ratios,
        final Interpolation method) {
        Objects.requireNonNull(raw, "POI");
        Objects.requireNonNull(ratios, "upsampling ratios");
        Objects.requireNonNull(method, "interpolation method");
        final int h = raw.height();
        final int w = raw.width();
        final int z = raw.channels();
        final int[] shape = outputShape(raw, ratios);
        final UpsamplingRatios r = ratios.adjustedToOddSizes(h, w, z);
        final int oz = shape[0];
        final int oh = shape[1];
        final int ow = shape[2];
        final int plane = h * w;

        final float[] v = raw.values();
        boolean flat = true;
        for (int c = 0; c < z; c++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
            if (!Float.isFinite(min) || !Float.isFinite(max)) {
                throw new IllegalArgumentException(raw.source() + ": slice " + (c + 1) + " contains a value that is "
                    + "not a finite number; every POI value must be finite");
            }
            flat &= max == min;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                v[i] -= min;
            }
        }
        if (flat) {
            throw new IllegalArgumentException(raw.source() + ": the POI is flat (every slice is constant), so it "
                + "has no pattern to fit");
        }

        final float[] up = CenterKeepResampler.resample(v, z, h, w, r.z(), r.y(), r.x(), method);
        final int oplane = oh * ow;

        // steps 4–5: clamp, then per-slice peak normalisation (in double to keep the sums exact enough)
        final double[] p = new double[up.length];
        double sumOfSums = 0;
        for (int c = 0; c < oz; c++) {
            double max = 0;
            for (int i = c * oplane; i < (c + 1) * oplane; i++) {
                p[i] = Math.max(up[i], 0);
                max = Math.max(max, p[i]);
            }
            double sum = 0;
            for (int i = c * oplane; i < (c + 1) * oplane; i++) {
                p[i] /= max; // 0/0 = NaN for an empty slice, cleared in step 7 as the reference does
                sum += p[i];
            }
            if (!Double.isNaN(sum)) {
                sumOfSums += sum;
            }
        }
        // step 6: mean slice integral 1 (an empty slice counts as a slice of integral 0, like NaN → 0 later)
        final double meanIntegral = sumOfSums / oz;
        final float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            final double q = p[i] / meanIntegral;
            out[i] = Double.isNaN(q) ? 0f : (float)q; // step 7
        }
        final double pixelSize = r.x() == r.y() ? raw.pixelSizeNm() / r.x() : Double.NaN;
        final double zStep = raw.zStepNm() / r.z();
        final Poi poi = new Poi(out, oz, oh, ow, raw.kind(), pixelSize, zStep, raw.source() + " (preprocessed)");
        return new PreprocessedPoi(poi, r, method);
    }
}
