package org.knime.depaf.core.predict;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.knime.depaf.core.forward.ForwardModel;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelProvenance;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.BackgroundKernel;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PoiPreprocessor;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.preprocess.NormalizationConstants;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/** Models, stand-in inferences and frame sources for the prediction tests. */
final class PredictionFixtures {

    static final double NORM_MIN = 100;
    static final double NORM_MAX = 1000;
    static final double SIGMA = 1.3;

    private PredictionFixtures() {
    }

    /**
     * A model with a narrow untrained network (base width 4, depth 2), a 7 px Gaussian POI upsampled by 1.5
     * (11 px, ratio unchanged), normMin 100, normMax 1000 and the given threshold.
     */
    static DepafModel model(final double threshold) {
        final Poi raw = GaussianPoi.ofSigma(SIGMA, 7, GaussianPoi.Sampling.POINT_SAMPLED);
        final PreprocessedPoi poi = PoiPreprocessor.preprocess(raw, new UpsamplingRatios(1.5, 1.5, 1),
            Interpolation.SPLINE);
        final BackgroundKernel box = BackgroundKernel.fromPoi(poi.poi());
        final ForwardKernels kernels = ForwardKernels.of(poi.poi(), box.height(), box.width());
        final DepafNetwork net = new SameDiffBackend().build(NetworkConfig.builder(1).baseWidth(4).seed(7).build(),
            kernels);
        return new DepafModel(net, poi, new NormalizationConstants(NORM_MIN, NORM_MAX), threshold, 0.02, Map.of(),
            new ModelProvenance("test frames", raw.source(), Instant.parse("2026-01-01T00:00:00Z"), "test", 0, 0, 0));
    }

    /** A pointwise analytic inference: A = x², Dsum = 2x + 1, BG = sin(x) (so tiling cannot change it). */
    static NetworkOutput pointwise(final ImageStack patches) {
        final float[] x = patches.pixels();
        final float[] a = new float[x.length];
        final float[] d = new float[x.length];
        final float[] b = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i] * x[i];
            d[i] = 2 * x[i] + 1;
            b[i] = (float)Math.sin(x[i]);
        }
        return new NetworkOutput(a, d, b, patches.frames(), 1, patches.height(), patches.width());
    }

    /** A stand-in whose background is a constant and which finds nothing. */
    static TileInference constantBackground(final float value) {
        return patches -> {
            final int n = patches.pixels().length;
            final float[] bg = new float[n];
            java.util.Arrays.fill(bg, value);
            return new NetworkOutput(new float[n], new float[n], bg, patches.frames(), 1, patches.height(),
                patches.width());
        };
    }

    /**
     * A peak-finding stand-in for a trained network: every strict 3 × 3 local maximum above 0.1 is located to
     * sub-pixel precision with a log-parabola fit (exact for a Gaussian) and splatted bilinearly onto its 2 × 2
     * neighbours, so that the A2-weighted centroid of the splat is the fitted position; Dsum = A ⊛ POI, BG = 0.
     */
    static TileInference peakSplat(final Poi poi) {
        final ForwardModel forward = new ForwardModel(poi);
        return patches -> {
            final int h = patches.height();
            final int w = patches.width();
            final int plane = h * w;
            final float[] x = patches.pixels();
            final float[] a = new float[x.length];
            final float[] d = new float[x.length];
            for (int b = 0; b < patches.frames(); b++) {
                final int o = b * plane;
                for (int i = 1; i < h - 1; i++) {
                    for (int j = 1; j < w - 1; j++) {
                        final float c = x[o + i * w + j];
                        if (c <= 0.1f || !isStrictMax(x, o, w, i, j)) {
                            continue;
                        }
                        final double py = i + logParabola(x[o + (i - 1) * w + j], c, x[o + (i + 1) * w + j]);
                        final double px = j + logParabola(x[o + i * w + j - 1], c, x[o + i * w + j + 1]);
                        final int y0 = (int)Math.floor(py);
                        final int x0 = (int)Math.floor(px);
                        final double fy = py - y0;
                        final double fx = px - x0;
                        if (y0 < 0 || x0 < 0 || y0 + 1 >= h || x0 + 1 >= w) {
                            continue;
                        }
                        a[o + y0 * w + x0] += (float)(c * (1 - fy) * (1 - fx));
                        a[o + y0 * w + x0 + 1] += (float)(c * (1 - fy) * fx);
                        a[o + (y0 + 1) * w + x0] += (float)(c * fy * (1 - fx));
                        a[o + (y0 + 1) * w + x0 + 1] += (float)(c * fy * fx);
                    }
                }
                final float[] tileA = java.util.Arrays.copyOfRange(a, o, o + plane);
                System.arraycopy(forward.signal(tileA, h, w), 0, d, o, plane);
            }
            return new NetworkOutput(a, d, new float[x.length], patches.frames(), 1, h, w);
        };
    }

    private static boolean isStrictMax(final float[] x, final int o, final int w, final int i, final int j) {
        final float c = x[o + i * w + j];
        for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
                if ((di != 0 || dj != 0) && x[o + (i + di) * w + j + dj] >= c) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double logParabola(final float l, final float c, final float r) {
        final double ll = Math.log(Math.max(l, 1e-12f));
        final double lc = Math.log(c);
        final double lr = Math.log(Math.max(r, 1e-12f));
        final double den = ll - 2 * lc + lr;
        return den < 0 ? 0.5 * (ll - lr) / den : 0;
    }

    /**
     * Frames with point-sampled Gaussian spots (σ = 1.3 px, peak 1000) on normMin.
     *
     * @param positions per frame, x0, y0, x1, y1, ... in camera pixels
     */
    static ImageStack spots(final double[][] positions, final int h, final int w, final double pixelSizeNm) {
        final float[] px = new float[positions.length * h * w];
        for (int f = 0; f < positions.length; f++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double v = NORM_MIN;
                    for (int k = 0; k < positions[f].length; k += 2) {
                        final double dx = j - positions[f][k];
                        final double dy = i - positions[f][k + 1];
                        v += NORM_MAX * Math.exp(-(dx * dx + dy * dy) / (2 * SIGMA * SIGMA));
                    }
                    px[(f * h + i) * w + j] = (float)v;
                }
            }
        }
        return new ImageStack(px, positions.length, h, w, pixelSizeNm, "spots");
    }

    /** Wraps a source and records the largest frame range read at once and the frames read in total. */
    static final class CountingSource implements FrameSource {
        private final FrameSource inner;
        int largestRead;
        int framesRead;
        int reads;
        private boolean[] seen;
        boolean readTwice;

        CountingSource(final FrameSource inner) {
            this.inner = inner;
            seen = new boolean[inner.frames()];
        }

        @Override
        public int frames() {
            return inner.frames();
        }

        @Override
        public int height() {
            return inner.height();
        }

        @Override
        public int width() {
            return inner.width();
        }

        @Override
        public double pixelSizeNm() {
            return inner.pixelSizeNm();
        }

        @Override
        public String source() {
            return inner.source();
        }

        @Override
        public ImageStack read(final int first, final int count) throws IOException {
            largestRead = Math.max(largestRead, count);
            framesRead += count;
            reads++;
            for (int f = first; f < first + count; f++) {
                readTwice |= seen[f];
                seen[f] = true;
            }
            return inner.read(first, count);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
