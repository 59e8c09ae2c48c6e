package org.knime.depaf.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.knime.depaf.core.forward.ForwardModel;
import org.knime.depaf.core.poi.Poi;

/**
 * Simulated network outputs for detection tests: emitters spread over ≤ 2 × 2 grid nodes (bilinear splats,
 * and linear between channels for z-stacks), optional low positive clutter, {@code Dsum = A ⊛ P} and
 * {@code Xbg = Dsum + noise}.
 */
final class SimulatedMaps {

    final FrameMaps maps;
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] amplitude;

    private SimulatedMaps(final FrameMaps maps, final double[] x, final double[] y, final double[] z,
        final double[] amplitude) {
        this.maps = maps;
        this.x = x;
        this.y = y;
        this.z = z;
        this.amplitude = amplitude;
    }

    /**
     * @param poi the POI
     * @param h map height
     * @param w map width
     * @param count number of emitters (placed at random, Chebyshev distance > 3.5 px from each other and
     *            at least 1 px from the border; fewer if they do not fit)
     * @param clutterFraction fraction of pixels with clutter
     * @param clutterMax largest clutter value
     * @param noise standard deviation of the Gaussian noise added to Xbg
     * @param seed random seed
     */
    static SimulatedMaps make(final Poi poi, final int h, final int w, final int count,
        final double clutterFraction, final double clutterMax, final double noise, final long seed) {
        return make(poi, h, w, count, 1, clutterFraction, clutterMax, noise, seed);
    }

    /**
     * As {@link #make(Poi, int, int, int, double, double, double, long)}, with emitters at least
     * {@code margin} px from the border (reflect padding mirrors spots near the border into the image,
     * which re-synthesis does not).
     */
    static SimulatedMaps make(final Poi poi, final int h, final int w, final int count, final int margin,
        final double clutterFraction, final double clutterMax, final double noise, final long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int channels = poi.channels();
        final List<double[]> em = new ArrayList<>();
        int tries = 0;
        while (em.size() < count && tries++ < 100000) {
            final double ex = rnd.nextDouble(margin, w - 2 - margin);
            final double ey = rnd.nextDouble(margin, h - 2 - margin);
            boolean ok = true;
            for (final double[] e : em) {
                if (Math.max(Math.abs(e[0] - ex), Math.abs(e[1] - ey)) <= 3.5) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                final double ez = channels == 1 ? 0 : rnd.nextDouble(0, channels - 1);
                em.add(new double[] {ex, ey, ez, rnd.nextDouble(0.5, 2)});
            }
        }
        final int n = em.size();
        final double[] x = new double[n];
        final double[] y = new double[n];
        final double[] z = new double[n];
        final double[] amp = new double[n];
        final float[] a = new float[channels * h * w];
        final int plane = h * w;
        for (int i = 0; i < clutterFraction * plane; i++) {
            final int p = rnd.nextInt(plane);
            a[rnd.nextInt(channels) * plane + p] += (float)rnd.nextDouble(0, clutterMax);
        }
        for (int i = 0; i < n; i++) {
            final double[] e = em.get(i);
            x[i] = e[0];
            y[i] = e[1];
            z[i] = e[2];
            amp[i] = e[3];
            final int x0 = (int)Math.floor(e[0]);
            final int y0 = (int)Math.floor(e[1]);
            final int z0 = (int)Math.floor(e[2]);
            final double fx = e[0] - x0;
            final double fy = e[1] - y0;
            final double fz = e[2] - z0;
            // Clear clutter on the splat and the ring around it (all channels), so that clutter neither
            // biases the centroid nor joins the splat's component.
            for (int c = 0; c < channels; c++) {
                for (int yy = Math.max(0, y0 - 1); yy <= Math.min(h - 1, y0 + 2); yy++) {
                    for (int xx = Math.max(0, x0 - 1); xx <= Math.min(w - 1, x0 + 2); xx++) {
                        a[c * plane + yy * w + xx] = 0;
                    }
                }
            }
            for (int dz = 0; dz <= (channels == 1 ? 0 : 1); dz++) {
                final double wz = channels == 1 ? 1 : dz == 0 ? 1 - fz : fz;
                if (z0 + dz >= channels || wz == 0) {
                    continue;
                }
                for (int dy = 0; dy <= 1; dy++) {
                    for (int dx = 0; dx <= 1; dx++) {
                        final double wxy = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                        a[(z0 + dz) * plane + (y0 + dy) * w + x0 + dx] += (float)(e[3] * wz * wxy);
                    }
                }
            }
        }
        final float[] dsum = new ForwardModel(poi).signal(a, h, w);
        final float[] xbg = dsum.clone();
        if (noise > 0) {
            for (int i = 0; i < xbg.length; i++) {
                xbg[i] += (float)(noise * gaussian(rnd));
            }
        }
        return new SimulatedMaps(new FrameMaps(a, channels, h, w, dsum, xbg), x, y, z, amp);
    }

    private static double gaussian(final SplittableRandom rnd) {
        // Box-Muller; one value per call is enough for tests.
        final double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /**
     * Jaccard index of detections against the simulated emitters: greedy matching of each detection (in
     * decreasing amplitude) to the nearest unmatched emitter within 1 px.
     */
    double jaccard(final Detections d) {
        final boolean[] used = new boolean[x.length];
        final Integer[] order = new Integer[d.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(d.amplitude(q), d.amplitude(p)));
        int tp = 0;
        for (final int i : order) {
            int best = -1;
            double bestD = 1;
            for (int j = 0; j < x.length; j++) {
                final double dist = Math.hypot(d.x(i) - x[j], d.y(i) - y[j]);
                if (!used[j] && dist <= bestD) {
                    best = j;
                    bestD = dist;
                }
            }
            if (best >= 0) {
                used[best] = true;
                tp++;
            }
        }
        final int fp = d.size() - tp;
        final int fn = x.length - tp;
        return tp / (double)(tp + fp + fn);
    }
}
