package org.knime.depaf.core.detect;

import java.util.Objects;

import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.SampleCache;
import org.knime.depaf.core.poi.ZRefinement;

/**
 * Turns the network's maps into a list of localisations: threshold, 8-connected components, ≤ 2 × 2
 * partition, centroid and amplitude (depaf-method.md §10).
 *
 * <p>For one frame with amplitude maps {@code A} ({@code C} channels), {@code Dsum}, {@code Xbg} and the
 * threshold {@code τ}:
 * <ol>
 * <li>{@code A2 = Σ_c A_c};</li>
 * <li>{@code Anoisy = max(A2, (Xbg − Dsum) / max(P))}: the residual, put on the amplitude scale, is added
 * back where it exceeds the fitted amplitude;</li>
 * <li>the pixels with {@code A2 > τ} form 8-connected components, listed in column-major order;</li>
 * <li>each component is split into groups of at most 2 × 2 pixels ({@link RoiPartition});</li>
 * <li>per group: {@code (x, y)} = the {@code A2}-weighted centroid of the group's pixels; {@code z} = the
 * amplitude-weighted channel index {@code Σ_c c·s_c / Σ_c s_c} with {@code s_c} the sum of {@code A_c} over
 * the group (all channels; 0 for {@code C = 1}), or, when the POI's channels are binned slices with a
 * {@link ZRefinement}, z refined continuously from the strongest channel and its stronger neighbour;
 * amplitude = the maximum of the full 2-D convolution of the
 * group's {@code Anoisy} values (a 2 × 2 array, 0 where the group has no pixel) with the kernel {@code K},
 * where {@code K = P} for {@code C = 1}, else the POI interpolated along z at {@code z} on the xy nodes. This
 * is the peak height of the re-synthesised spot, residual included.</li>
 * </ol>
 *
 * <p><b>Deviations from the reference, on purpose.</b> (1) The residual uses the <em>summed</em>
 * {@code Dsum} both here and in the threshold search; the reference's prediction passes the per-channel
 * {@code D} and so effectively uses channel 1 only when {@code C > 1} (§10, §17 item 6), which is a bug.
 * (2) The z-interpolated kernel is sampled from the edge-padded stack (like the re-synthesis), while the
 * reference's amplitude step interpolates the unpadded stack; for linear and nearest interpolation the two
 * are identical, for splines they differ slightly in the outermost slices. (3) A group whose {@code A2}
 * values sum to 0 (possible only with {@code τ < 0}) gets the unweighted centroid instead of NaN.
 *
 * <p>Output: {@link Detections} on the upsampled grid, 0-based, pixel centres at integers; z in 0-based
 * channel units; amplitude in normalised units (peak height; × {@code normMax} for raw camera units).
 *
 * <p>Immutable and thread-safe.
 */
public final class Detector {

    /** Groups of one component closer than this (upsampled pixels) are one emitter, for binned z channels. */
    static final double MERGE_DISTANCE = 2.0;

    private final PoiSampler sampler;
    private final float[] poi;
    private final float poiMax;

    /**
     * @param sampler the (full, normalised) POI with the model's interpolation method
     */
    public Detector(final PoiSampler sampler) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        poi = new float[sampler.height() * sampler.width()];
        sampler.sliceAt(0, poi);
        poiMax = sampler.max();
        if (!(poiMax > 0f)) {
            throw new IllegalArgumentException("POI " + sampler.poi().source() + " has no positive value (max "
                + poiMax + "); a normalised POI has a positive peak");
        }
    }

    /** @return the POI sampler */
    public PoiSampler sampler() {
        return sampler;
    }

    /**
     * Detects the spots of one frame.
     *
     * @param maps the network's maps of the frame, with as many channels as the POI
     * @param threshold τ, in normalised amplitude units; pixels with {@code A2 > τ} are candidates
     * @return the detections on the upsampled grid
     */
    public Detections detect(final FrameMaps maps, final double threshold) {
        return detect(prepare(maps), threshold, null, new Scratch());
    }

    /** Reusable buffers of one thread. */
    static final class Scratch {
        final ConnectedComponents components = new ConnectedComponents();
        final RoiPartition.Groups groups = new RoiPartition.Groups();
    }

    /** The threshold-independent part of detection, computed once per frame. */
    static final class Prepared {
        final FrameMaps maps;
        final float[] a2;
        final float[] anoisy;

        Prepared(final FrameMaps maps, final float[] a2, final float[] anoisy) {
            this.maps = maps;
            this.a2 = a2;
            this.anoisy = anoisy;
        }
    }

    Prepared prepare(final FrameMaps maps) {
        Objects.requireNonNull(maps, "maps");
        if (maps.channels() != sampler.channels()) {
            throw new IllegalArgumentException("Amplitude maps have " + maps.channels()
                + " channels, but the POI has " + sampler.channels() + "; they must be equal");
        }
        final float[] a2 = maps.summedAmplitude();
        final float[] dsum = maps.dsum();
        final float[] xbg = maps.xbg();
        final float[] anoisy = new float[a2.length];
        for (int i = 0; i < a2.length; i++) {
            anoisy[i] = Math.max(a2[i], (xbg[i] - dsum[i]) / poiMax);
        }
        return new Prepared(maps, a2, anoisy);
    }

    /**
     * @param cache POI sample cache owned by the calling thread, or null
     * @param scratch buffers owned by the calling thread
     */
    Detections detect(final Prepared frame, final double threshold, final SampleCache cache,
        final Scratch scratch) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("Detection threshold must be a number, got NaN");
        }
        final int h = frame.maps.height();
        final int w = frame.maps.width();
        final ConnectedComponents cc = scratch.components.label(frame.a2, h, w, threshold);
        final RoiPartition.Groups groups = scratch.groups;
        groups.clear();
        final int[] comp = cc.pixelArray();
        final int[] componentEnds = new int[cc.count()];
        for (int c = 0; c < cc.count(); c++) {
            RoiPartition.partition(comp, cc.start(c), cc.end(c), frame.a2, w, groups);
            componentEnds[c] = groups.count();
        }
        final int n = groups.count();
        if (n == 0) {
            return Detections.EMPTY;
        }
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        final double[] zs = new double[n];
        final double[] amps = new double[n];
        final double[] weights = new double[n];
        final int channels = frame.maps.channels();
        final float[] a = frame.maps.a();
        final int plane = h * w;
        final float[] kernelScratch = channels > 1 && cache == null ? new float[poi.length] : null;
        final ZRefinement zRefinement = sampler.poi().zRefinement();
        final double[] channelSums = channels > 1 && zRefinement != null ? new double[channels] : null;
        for (int g = 0; g < n; g++) {
            final int from = groups.start(g);
            final int to = groups.end(g);
            int yMin = Integer.MAX_VALUE;
            int xMin = Integer.MAX_VALUE;
            for (int k = from; k < to; k++) {
                final int p = groups.pixel(k);
                yMin = Math.min(yMin, p / w);
                xMin = Math.min(xMin, p % w);
            }
            double sum = 0;
            double sx = 0;
            double sy = 0;
            for (int k = from; k < to; k++) {
                final int p = groups.pixel(k);
                final double v = frame.a2[p];
                sum += v;
                sx += v * (p % w - xMin);
                sy += v * (p / w - yMin);
            }
            weights[g] = sum;
            if (sum > 0) {
                xs[g] = xMin + sx / sum;
                ys[g] = yMin + sy / sum;
            } else {
                double ux = 0;
                double uy = 0;
                for (int k = from; k < to; k++) {
                    ux += groups.pixel(k) % w - xMin;
                    uy += groups.pixel(k) / w - yMin;
                }
                xs[g] = xMin + ux / (to - from);
                ys[g] = yMin + uy / (to - from);
            }
            final float[] kernel;
            if (channels > 1) {
                double num = 0;
                double den = 0;
                for (int c = 0; c < channels; c++) {
                    double s = 0;
                    for (int k = from; k < to; k++) {
                        s += a[c * plane + groups.pixel(k)];
                    }
                    num += c * s;
                    den += s;
                    if (channelSums != null) {
                        channelSums[c] = s;
                    }
                }
                zs[g] = channelSums != null ? zRefinement.refine(channelSums)
                    : den != 0 ? num / den : (channels - 1) / 2.0;
                if (cache != null) {
                    kernel = cache.sliceAt(zs[g]);
                } else {
                    sampler.sliceAt(zs[g], kernelScratch);
                    kernel = kernelScratch;
                }
            } else {
                zs[g] = 0;
                kernel = poi;
            }
            float b00 = 0f;
            float b01 = 0f;
            float b10 = 0f;
            float b11 = 0f;
            for (int k = from; k < to; k++) {
                final int p = groups.pixel(k);
                final int dy = p / w - yMin;
                final int dx = p % w - xMin;
                final float v = frame.anoisy[p];
                if (dy == 0) {
                    if (dx == 0) {
                        b00 = v;
                    } else {
                        b01 = v;
                    }
                } else if (dx == 0) {
                    b10 = v;
                } else {
                    b11 = v;
                }
            }
            amps[g] = fullConvolutionMax(b00, b01, b10, b11, kernel, sampler.height(), sampler.width());
        }
        if (channelSums != null) {
            return merged(xs, ys, zs, amps, weights, componentEnds);
        }
        return new Detections(xs, ys, zs, amps, false);
    }

    /**
     * With binned z channels (a wide 3-D PSF whose amplitude the network spreads over more than 2 × 2 grid points):
     * groups of one connected component whose centres are closer than {@value #MERGE_DISTANCE} upsampled pixels
     * are one emitter. Their x, y and z become the A2-weighted means, the amplitude the largest.
     */
    private static Detections merged(final double[] xs, final double[] ys, final double[] zs, final double[] amps,
        final double[] weights, final int[] componentEnds) {
        final int n = xs.length;
        final int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int from = 0;
        for (final int to : componentEnds) {
            for (int i = from; i < to; i++) {
                for (int j = i + 1; j < to; j++) {
                    if (Math.hypot(xs[i] - xs[j], ys[i] - ys[j]) < MERGE_DISTANCE) {
                        parent[root(parent, j)] = root(parent, i);
                    }
                }
            }
            from = to;
        }
        final double[] sw = new double[n];
        final double[] sx = new double[n];
        final double[] sy = new double[n];
        final double[] sz = new double[n];
        final double[] amp = new double[n];
        final int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            final int r = root(parent, i);
            final double wgt = weights[i] > 0 ? weights[i] : 0;
            sw[r] += wgt;
            sx[r] += wgt * xs[i];
            sy[r] += wgt * ys[i];
            sz[r] += wgt * zs[i];
            amp[r] = count[r] == 0 ? amps[i] : Math.max(amp[r], amps[i]);
            count[r]++;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            m += parent[i] == i ? 1 : 0;
        }
        final double[] mx = new double[m];
        final double[] my = new double[m];
        final double[] mz = new double[m];
        final double[] ma = new double[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] != i) {
                continue;
            }
            if (sw[i] > 0) {
                mx[k] = sx[i] / sw[i];
                my[k] = sy[i] / sw[i];
                mz[k] = sz[i] / sw[i];
            } else {
                mx[k] = xs[i];
                my[k] = ys[i];
                mz[k] = zs[i];
            }
            ma[k] = amp[i];
            k++;
        }
        return new Detections(mx, my, mz, ma, false);
    }

    private static int root(final int[] parent, final int i) {
        int r = i;
        while (parent[r] != r) {
            r = parent[r];
        }
        return r;
    }

    /**
     * Maximum of the full 2-D convolution of the 2 × 2 array [[b00, b01], [b10, b11]] with the
     * {@code kh × kw} kernel: {@code out(i, j) = Σ_{a,b} B(a, b)·K(i − a, j − b)}, i in [0, kh], j in [0, kw].
     */
    static float fullConvolutionMax(final float b00, final float b01, final float b10, final float b11,
        final float[] k, final int kh, final int kw) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i <= kh; i++) {
            final boolean top = i < kh;
            final boolean bottom = i > 0;
            for (int j = 0; j <= kw; j++) {
                final boolean left = j < kw;
                final boolean right = j > 0;
                float s = 0f;
                if (top && left) {
                    s += b00 * k[i * kw + j];
                }
                if (top && right) {
                    s += b01 * k[i * kw + j - 1];
                }
                if (bottom && left) {
                    s += b10 * k[(i - 1) * kw + j];
                }
                if (bottom && right) {
                    s += b11 * k[(i - 1) * kw + j - 1];
                }
                max = Math.max(max, s);
            }
        }
        return max;
    }
}
