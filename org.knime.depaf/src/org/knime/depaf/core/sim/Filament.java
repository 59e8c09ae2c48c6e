package org.knime.depaf.core.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A smooth curve in the field, a polyline with short segments (a microtubule-like structure), in nm.
 *
 * <p>{@link #randomWalk} makes a worm-like chain: the direction turns by a Gaussian angle of variance
 * step/persistenceLength per step, and the walk reflects at the field walls and at the z limits. Immutable.
 */
public final class Filament {

    private final double[] xs;
    private final double[] ys;
    private final double[] zs;
    /** cumulative arc length at each vertex, cum[0] = 0 */
    private final double[] cum;

    /**
     * @param xs vertex x in nm
     * @param ys vertex y in nm
     * @param zs vertex z in nm
     */
    public Filament(final double[] xs, final double[] ys, final double[] zs) {
        if (xs.length < 2 || ys.length != xs.length || zs.length != xs.length) {
            throw new IllegalArgumentException("A filament needs at least 2 vertices with x, y and z each, got "
                + xs.length + ", " + ys.length + " and " + zs.length);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.zs = zs.clone();
        cum = new double[xs.length];
        for (int i = 1; i < xs.length; i++) {
            cum[i] = cum[i - 1] + Math.sqrt(sq(xs[i] - xs[i - 1]) + sq(ys[i] - ys[i - 1]) + sq(zs[i] - zs[i - 1]));
        }
    }

    private static double sq(final double v) {
        return v * v;
    }

    /**
     * A worm-like chain starting at a uniform random point with a random direction.
     *
     * @param lengthNm contour length in nm
     * @param persistenceNm persistence length in nm (microtubules: millimetres in vitro, a few µm in cells
     *            when seen at this scale; 2–5 µm gives gently curved lines in a 6 µm field)
     * @param stepNm segment length in nm
     */
    public static Filament randomWalk(final SplittableRandom rng, final double widthNm, final double heightNm,
        final double zMinNm, final double zMaxNm, final double lengthNm, final double persistenceNm,
        final double stepNm) {
        if (!(lengthNm > 0) || !(persistenceNm > 0) || !(stepNm > 0)) {
            throw new IllegalArgumentException("Filament length, persistence length and step must be > 0 nm, got "
                + lengthNm + ", " + persistenceNm + " and " + stepNm);
        }
        final int n = Math.max(2, (int)Math.ceil(lengthNm / stepNm) + 1);
        final double[] x = new double[n];
        final double[] y = new double[n];
        final double[] z = new double[n];
        x[0] = rng.nextDouble() * widthNm;
        y[0] = rng.nextDouble() * heightNm;
        z[0] = zMaxNm > zMinNm ? zMinNm + rng.nextDouble() * (zMaxNm - zMinNm) : zMinNm;
        double theta = rng.nextDouble() * 2 * Math.PI;
        double elevation = 0;
        final double turnSd = Math.sqrt(stepNm / persistenceNm);
        for (int i = 1; i < n; i++) {
            theta += turnSd * rng.nextGaussian();
            if (zMaxNm > zMinNm) {
                // slopes stay shallow: microtubules lie roughly in the imaged plane
                elevation = Math.max(-0.3, Math.min(0.3, elevation + turnSd * rng.nextGaussian()));
            }
            double dx = stepNm * Math.cos(elevation) * Math.cos(theta);
            double dy = stepNm * Math.cos(elevation) * Math.sin(theta);
            double dz = stepNm * Math.sin(elevation);
            if (x[i - 1] + dx < 0 || x[i - 1] + dx >= widthNm) {
                dx = -dx;
                theta = Math.PI - theta;
            }
            if (y[i - 1] + dy < 0 || y[i - 1] + dy >= heightNm) {
                dy = -dy;
                theta = -theta;
            }
            if (z[i - 1] + dz < zMinNm || z[i - 1] + dz > zMaxNm) {
                dz = zMaxNm > zMinNm ? -dz : 0;
                elevation = -elevation;
            }
            x[i] = clamp(x[i - 1] + dx, 0, Math.nextDown(widthNm));
            y[i] = clamp(y[i - 1] + dy, 0, Math.nextDown(heightNm));
            z[i] = clamp(z[i - 1] + dz, zMinNm, zMaxNm);
        }
        return new Filament(x, y, z);
    }

    private static double clamp(final double v, final double lo, final double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** @return contour length in nm */
    public double length() {
        return cum[cum.length - 1];
    }

    /** @return number of vertices */
    public int vertexCount() {
        return xs.length;
    }

    /**
     * The point at arc length s (clamped to [0, length]).
     *
     * @param xyz receives x, y, z in nm
     */
    public void pointAt(final double s, final double[] xyz) {
        final double t = Math.max(0, Math.min(length(), s));
        int i = Arrays.binarySearch(cum, t);
        if (i < 0) {
            i = -i - 2;
        }
        i = Math.min(i, cum.length - 2);
        final double seg = cum[i + 1] - cum[i];
        final double f = seg > 0 ? (t - cum[i]) / seg : 0;
        xyz[0] = xs[i] + f * (xs[i + 1] - xs[i]);
        xyz[1] = ys[i] + f * (ys[i + 1] - ys[i]);
        xyz[2] = zs[i] + f * (zs[i + 1] - zs[i]);
    }

    /** @return the lateral (x, y) distance in nm from a point to the polyline */
    public double lateralDistance(final double xNm, final double yNm) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < xs.length; i++) {
            final double ex = xs[i + 1] - xs[i];
            final double ey = ys[i + 1] - ys[i];
            final double len2 = ex * ex + ey * ey;
            double f = len2 > 0 ? ((xNm - xs[i]) * ex + (yNm - ys[i]) * ey) / len2 : 0;
            f = clamp(f, 0, 1);
            final double d2 = sq(xs[i] + f * ex - xNm) + sq(ys[i] + f * ey - yNm);
            best = Math.min(best, d2);
        }
        return Math.sqrt(best);
    }
}
