package org.knime.depaf.core.fit;

import java.util.Arrays;

/**
 * Maximum-likelihood fit of a few neighbouring emitters and a flat background to a window of camera pixels, under
 * the camera's noise ({@link CameraCalibration}): Levenberg–Marquardt on the Poisson deviance
 * {@code D = 2 Σ (μ − y − y·ln(μ/y))} (Laurence &amp; Chromy, Nat. Methods 2010), with the model
 * {@code μ = s·(b + Σ_e N_e·PSF(x_e, y_e)) + r} (s the camera's count scale, r its read-noise variance in counts)
 * and parameters (x, y, N) per emitter and b shared. The curvature is Fisher scoring's (the expected information, 1/μ
 * per pixel: positive even where data and model disagree) and the damping follows Nielsen's gain-ratio rule (a step
 * that gains much less than predicted, the mark of a zig-zag, is damped harder). Also the Cramér–Rao bounds from the Fisher information at the
 * optimum, and for each emitter the log-likelihood ratio of "this emitter" against "no emitter here, the rest as
 * fitted", which says whether the data support it.
 *
 * <p>Not thread-safe: one instance per thread, reused for every cluster (its arrays grow as needed).
 */
final class ClusterFit {

    /** Fit outcome of one emitter. */
    record Emitter(boolean converged, double x, double y, double photons, double sigmaX, double sigmaY,
        double llr) {

        /** @return the same estimate, marked as failed */
        Emitter failed() {
            return new Emitter(false, x, y, photons, sigmaX, sigmaY, llr);
        }
    }

    /**
     * The fit of a cluster.
     *
     * @param emitters per emitter, in the order of the starts
     * @param background background photons per pixel
     * @param residualStd the window's residual standard deviation, photons
     * @param iterations Levenberg–Marquardt iterations
     * @param deviance the Poisson deviance at the optimum (≈ the window's pixel count when the model explains the
     *            data)
     * @param pixels the window's pixel count
     * @param dispersion Pearson's χ² per degree of freedom: ≈ 1 when the camera's gain is right and the model
     *            explains the window; the factor by which the gain is off otherwise
     */
    record Result(Emitter[] emitters, double background, double residualStd, int iterations, double deviance,
        int pixels, double dispersion) {

        /** @return the same fit with other emitter outcomes */
        Result withEmitters(final Emitter[] es) {
            return new Result(es, background, residualStd, iterations, deviance, pixels, dispersion);
        }

        /** @return how far the deviance lies above its expectation, in standard deviations (√(2n)) */
        double misfit() {
            return (deviance - pixels) / Math.sqrt(2.0 * pixels);
        }
    }

    private static final int MAX_ITERATIONS = 40;

    private final PoiPsfModel psf;
    private final CameraCalibration camera;

    private double[] counts = new double[0];
    private double[] known = new double[0];
    private double[][] unit = new double[0][];
    private double[][] ddx = new double[0][];
    private double[][] ddy = new double[0][];
    private double[] scratch = new double[0];
    private double[] mu = new double[0];

    ClusterFit(final PoiPsfModel psf, final CameraCalibration camera) {
        this.psf = psf;
        this.camera = camera;
    }

    /**
     * Fits emitters to a window.
     *
     * @param frame camera values (ADU) of the whole frame, row-major
     * @param frameWidth the frame's width
     * @param x0 the window's first column
     * @param y0 the window's first row
     * @param w window width
     * @param h window height
     * @param start per emitter {x, y, photons} in frame pixels (centres at integers), the starting point
     * @param maxShift how far (pixels) a fitted position may move from its start before the fit counts as failed
     * @param fixedSignal photons per window pixel of emitters outside this fit (held fixed), or null
     * @return the fit
     */
    Result fit(final float[] frame, final int frameWidth, final int x0, final int y0, final int w, final int h,
        final double[][] start, final double maxShift, final double[] fixedSignal) {
        final int n = w * h;
        final int k = start.length;
        grow(n, k, w, h);
        final double scale = camera.countScale();
        final double read = camera.readNoiseCounts();
        // data as Poisson counts; negative values (noise below the offset) are impossible counts
        final double[] sorted = new double[n];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                final double photons = camera.photons(frame[(y0 + i) * frameWidth + x0 + j]);
                counts[i * w + j] = Math.max(0, photons * scale + read);
                sorted[i * w + j] = photons;
                known[i * w + j] = fixedSignal == null ? 0 : fixedSignal[i * w + j];
            }
        }
        Arrays.sort(sorted);
        final int np = 3 * k + 1;
        final double[] p = new double[np];
        for (int e = 0; e < k; e++) {
            p[3 * e] = start[e][0];
            p[3 * e + 1] = start[e][1];
            p[3 * e + 2] = Math.max(start[e][2], 10);
        }
        // the background: a low quantile of the window (most pixels of a sparse window are background)
        p[np - 1] = Math.max(0.1, sorted[Math.min(n - 1, n / 5)]);
        double deviance = model(p, x0, y0, w, h, mu, scale, read);
        double lambda = 1e-3;
        final double[] grad = new double[np];
        final double[][] hess = new double[np][np];
        final double[] step = new double[np];
        final double[] trial = new double[np];
        final double[] trialMu = new double[n];
        int it = 0;
        boolean converged = false;
        double nu = 2;
        int pinned = 0;
        for (; it < MAX_ITERATIONS && !converged && pinned < 3; it++) {
            gradient(p, mu, w, h, scale, grad, hess);
            boolean accepted = false;
            for (int tries = 0; tries < 12 && !accepted; tries++) {
                if (!solve(hess, grad, lambda, step)) {
                    lambda *= nu;
                    nu *= 2;
                    continue;
                }
                for (int q = 0; q < np; q++) {
                    trial[q] = p[q] + step[q];
                }
                final boolean atEdge = constrain(trial, p, x0, y0, w, h);
                final double d = model(trial, x0, y0, w, h, trialMu, scale, read);
                // the decrease the quadratic model predicts for the step taken (after the constraints)
                double predicted = 0;
                for (int a = 0; a < np; a++) {
                    final double sa = trial[a] - p[a];
                    double hs = 0;
                    for (int b = 0; b < np; b++) {
                        hs += hess[a][b] * (trial[b] - p[b]);
                    }
                    predicted -= sa * (grad[a] + 0.5 * hs);
                }
                if (d <= deviance && Double.isFinite(d)) {
                    double moved = 0;
                    for (int e = 0; e < k; e++) {
                        moved = Math.max(moved, Math.abs(trial[3 * e] - p[3 * e]));
                        moved = Math.max(moved, Math.abs(trial[3 * e + 1] - p[3 * e + 1]));
                    }
                    // 0.01 px (1 nm at 100-nm pixels, below any achievable precision) and a hundredth of a
                    // log-likelihood unit: tighter only costs iterations in the ill-conditioned fits of close
                    // neighbours, whose flat directions creep
                    converged = moved < 1e-2 && deviance - d < 1e-2;
                    // Nielsen's damping update: a step that gains what the model predicted loosens the damping,
                    // one that gains little (an overshoot, seen as zig-zag) tightens it
                    final double rho = predicted > 0 ? (deviance - d) / predicted : 0;
                    final double r = 2 * rho - 1;
                    lambda = Math.max(1e-7, lambda * Math.max(1.0 / 3, 1 - r * r * r));
                    nu = 2;
                    // an emitter held at the window's edge step after step has run out of its window
                    pinned = atEdge ? pinned + 1 : 0;
                    System.arraycopy(trial, 0, p, 0, np);
                    System.arraycopy(trialMu, 0, mu, 0, n);
                    deviance = d;
                    accepted = true;
                } else {
                    lambda *= nu;
                    nu *= 2;
                }
            }
            if (!accepted) {
                converged = true; // no step improves: at the optimum within numerical precision
            }
        }
        if (pinned >= 3) {
            converged = false;
        }
        // the unit spots and derivatives of the optimum (the last rendering may have been a rejected trial)
        deviance = model(p, x0, y0, w, h, mu, scale, read);
        return result(p, mu, x0, y0, w, h, start, maxShift, it, converged, scale, deviance);
    }

    private Result result(final double[] p, final double[] mu, final int x0, final int y0, final int w,
        final int h, final double[][] start, final double maxShift, final int iterations, final boolean converged,
        final double scale, final double deviance) {
        final int k = start.length;
        final int n = w * h;
        final int np = 3 * k + 1;
        // Fisher information at the optimum (derivatives were rendered for p by the last model evaluation)
        final double[][] fisher = new double[np][np];
        final double[] g = new double[np];
        for (int i = 0; i < n; i++) {
            derivatives(p, i, scale, g);
            final double m = Math.max(mu[i], 1e-12);
            for (int a = 0; a < np; a++) {
                if (g[a] == 0) {
                    continue;
                }
                for (int b = a; b < np; b++) {
                    fisher[a][b] += g[a] * g[b] / m;
                }
            }
        }
        for (int a = 0; a < np; a++) {
            for (int b = 0; b < a; b++) {
                fisher[a][b] = fisher[b][a];
            }
        }
        final double[][] inverse = invert(fisher);
        final Emitter[] out = new Emitter[k];
        double residual = 0;
        double pearson = 0;
        for (int i = 0; i < n; i++) {
            final double r = counts[i] - mu[i];
            residual += r * r / (scale * scale);
            pearson += r * r / Math.max(mu[i], 1e-12);
        }
        for (int e = 0; e < k; e++) {
            final double x = p[3 * e];
            final double y = p[3 * e + 1];
            final double photons = p[3 * e + 2];
            final double sx = inverse == null ? Double.NaN : Math.sqrt(Math.max(0, inverse[3 * e][3 * e]));
            final double sy = inverse == null ? Double.NaN : Math.sqrt(Math.max(0, inverse[3 * e + 1][3 * e + 1]));
            // a bound that is not a positive number means the information matrix was (nearly) singular
            final boolean ok = converged && inverse != null && Double.isFinite(x) && Double.isFinite(y)
                && photons > 0 && Math.abs(x - start[e][0]) <= maxShift && Math.abs(y - start[e][1]) <= maxShift
                && sx > 0 && sy > 0 && Double.isFinite(sx) && Double.isFinite(sy);
            out[e] = new Emitter(ok, x, y, photons, sx, sy, logLikelihoodRatio(p, mu, e, w, h, scale));
        }
        return new Result(out, p[np - 1], Math.sqrt(residual / n), iterations, deviance, n,
            n > np ? pearson / (n - np) : Double.NaN);
    }

    /**
     * The Cramér–Rao bound of the first of several emitters whose light overlaps, from their joint Fisher information
     * (positions and photons of all of them and the background): what the bound of an emitter fitted alone with its
     * neighbours held fixed leaves out, the uncertainty of the neighbours it must be told apart from.
     *
     * @param x0 the window's first column
     * @param y0 the window's first row
     * @param w window width
     * @param h window height
     * @param emitters {x, y, photons} in frame pixels, the emitter of interest first
     * @param background background photons per pixel
     * @param allSignal photons per window pixel of all emitters, the listed ones included
     * @return {σx, σy} in pixels, or null when the information matrix is singular
     */
    double[] jointBound(final int x0, final int y0, final int w, final int h, final double[][] emitters,
        final double background, final double[] allSignal) {
        final int n = w * h;
        final int k = emitters.length;
        grow(n, k, w, h);
        final double scale = camera.countScale();
        final double read = camera.readNoiseCounts();
        final int np = 3 * k + 1;
        final double[] p = new double[np];
        for (int e = 0; e < k; e++) {
            p[3 * e] = emitters[e][0];
            p[3 * e + 1] = emitters[e][1];
            p[3 * e + 2] = emitters[e][2];
            psf.render(p[3 * e], p[3 * e + 1], x0, y0, w, h, unit[e], ddx[e], ddy[e], scratch);
        }
        p[np - 1] = background;
        // the expected counts: background and every emitter's light (the listed ones are in allSignal too)
        for (int i = 0; i < n; i++) {
            mu[i] = scale * (background + allSignal[i]) + read;
        }
        final double[][] fisher = new double[np][np];
        final double[] g = new double[np];
        for (int i = 0; i < n; i++) {
            derivatives(p, i, scale, g);
            final double m = Math.max(mu[i], 1e-12);
            for (int a = 0; a < np; a++) {
                for (int b = a; b < np; b++) {
                    fisher[a][b] += g[a] * g[b] / m;
                }
            }
        }
        for (int a = 0; a < np; a++) {
            for (int b = 0; b < a; b++) {
                fisher[a][b] = fisher[b][a];
            }
        }
        final double[][] inverse = invert(fisher);
        return inverse == null ? null
            : new double[] {Math.sqrt(Math.max(0, inverse[0][0])), Math.sqrt(Math.max(0, inverse[1][1]))};
    }

    /**
     * Where the last fit leaves the most light unexplained: the centre of the 3 × 3 block of pixels with the largest
     * positive residual (data − model), a start for an emitter the fit lacks. Valid right after {@link #fit}.
     *
     * @return {x, y} in frame pixels, or null when no block has a positive residual
     */
    double[] residualPeak(final int x0, final int y0, final int w, final int h) {
        double best = 0;
        int bi = -1;
        int bj = -1;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double s = 0;
                for (int a = Math.max(0, i - 1); a <= Math.min(h - 1, i + 1); a++) {
                    for (int b = Math.max(0, j - 1); b <= Math.min(w - 1, j + 1); b++) {
                        s += counts[a * w + b] - mu[a * w + b];
                    }
                }
                if (s > best) {
                    best = s;
                    bi = i;
                    bj = j;
                }
            }
        }
        return bi < 0 ? null : new double[] {x0 + bj, y0 + bi};
    }

    /** 2·(ℓ with emitter e − ℓ without it, everything else as fitted), ℓ = Σ y·ln μ − μ. */
    private double logLikelihoodRatio(final double[] p, final double[] mu, final int e, final int w, final int h,
        final double scale) {
        final double photons = p[3 * e + 2];
        double llr = 0;
        for (int i = 0; i < w * h; i++) {
            final double with = Math.max(mu[i], 1e-12);
            final double without = Math.max(with - scale * photons * unit[e][i], 1e-12);
            llr += counts[i] * Math.log(with / without) - (with - without);
        }
        return 2 * llr;
    }

    /** Renders the model into mu (and the unit spots and their derivatives); @return the deviance. */
    private double model(final double[] p, final int x0, final int y0, final int w, final int h, final double[] mu,
        final double scale, final double read) {
        final int k = (p.length - 1) / 3;
        final int n = w * h;
        final double b = p[p.length - 1];
        for (int i = 0; i < n; i++) {
            mu[i] = b + known[i];
        }
        for (int e = 0; e < k; e++) {
            psf.render(p[3 * e], p[3 * e + 1], x0, y0, w, h, unit[e], ddx[e], ddy[e], scratch);
            final double photons = p[3 * e + 2];
            for (int i = 0; i < n; i++) {
                mu[i] += photons * unit[e][i];
            }
        }
        double deviance = 0;
        for (int i = 0; i < n; i++) {
            mu[i] = scale * mu[i] + read;
            final double m = mu[i];
            if (!(m > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            final double y = counts[i];
            deviance += 2 * (m - y - (y > 0 ? y * Math.log(m / y) : 0));
        }
        return deviance;
    }

    /** ∂μ_i/∂p for every parameter, at the last rendered p. */
    private void derivatives(final double[] p, final int i, final double scale, final double[] g) {
        final int k = (p.length - 1) / 3;
        for (int e = 0; e < k; e++) {
            final double photons = p[3 * e + 2];
            g[3 * e] = scale * photons * ddx[e][i];
            g[3 * e + 1] = scale * photons * ddy[e][i];
            g[3 * e + 2] = scale * unit[e][i];
        }
        g[p.length - 1] = scale;
    }

    private void gradient(final double[] p, final double[] mu, final int w, final int h, final double scale,
        final double[] grad, final double[][] hess) {
        final int np = p.length;
        Arrays.fill(grad, 0);
        for (final double[] row : hess) {
            Arrays.fill(row, 0);
        }
        final double[] g = new double[np];
        for (int i = 0; i < w * h; i++) {
            derivatives(p, i, scale, g);
            final double m = mu[i];
            final double y = counts[i];
            final double r = 1 - y / m;
            // Fisher scoring: the expected curvature 1/μ, positive even where the data are 0 or far from the model
            final double c = 1 / m;
            for (int a = 0; a < np; a++) {
                if (g[a] == 0) {
                    continue;
                }
                grad[a] += 2 * r * g[a];
                for (int b = a; b < np; b++) {
                    hess[a][b] += 2 * c * g[a] * g[b];
                }
            }
        }
        for (int a = 0; a < np; a++) {
            for (int b = 0; b < a; b++) {
                hess[a][b] = hess[b][a];
            }
        }
    }

    /**
     * Keeps photons and background positive, positions inside the window and steps at most half a pixel.
     *
     * @return whether a position was held at the window's edge
     */
    private static boolean constrain(final double[] trial, final double[] p, final int x0, final int y0,
        final int w, final int h) {
        final int k = (p.length - 1) / 3;
        boolean edge = false;
        for (int e = 0; e < k; e++) {
            trial[3 * e] = clamp(trial[3 * e], p[3 * e] - 0.5, p[3 * e] + 0.5);
            trial[3 * e + 1] = clamp(trial[3 * e + 1], p[3 * e + 1] - 0.5, p[3 * e + 1] + 0.5);
            final double x = clamp(trial[3 * e], x0 - 0.5, x0 + w - 0.5);
            final double y = clamp(trial[3 * e + 1], y0 - 0.5, y0 + h - 0.5);
            edge |= x != trial[3 * e] || y != trial[3 * e + 1];
            trial[3 * e] = x;
            trial[3 * e + 1] = y;
            // photons may shrink to a tenth per step, not below zero
            trial[3 * e + 2] = Math.max(trial[3 * e + 2], p[3 * e + 2] / 10);
        }
        trial[p.length - 1] = Math.max(trial[p.length - 1], p[p.length - 1] / 10);
        return edge;
    }

    private static double clamp(final double v, final double lo, final double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** Solves (H + λ·diag H) s = −g by Gaussian elimination with pivoting; @return false when singular. */
    private static boolean solve(final double[][] hess, final double[] grad, final double lambda,
        final double[] step) {
        final int n = grad.length;
        final double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = hess[i][j];
            }
            a[i][i] += lambda * Math.max(hess[i][i], 1e-12);
            a[i][n] = -grad[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][c]) > 1e-300)) {
                return false;
            }
            final double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                final double f = a[r][c] / a[c][c];
                if (f != 0) {
                    for (int j = c; j <= n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int j = r + 1; j < n; j++) {
                s -= a[r][j] * step[j];
            }
            step[r] = s / a[r][r];
            if (!Double.isFinite(step[r])) {
                return false;
            }
        }
        return true;
    }

    /** @return the inverse of a symmetric positive definite matrix (Gauss–Jordan), or null when singular */
    static double[][] invert(final double[][] m) {
        final int n = m.length;
        final double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][c]) > 1e-300)) {
                return null;
            }
            final double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            final double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    final double f = a[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        final double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    private void grow(final int n, final int k, final int w, final int h) {
        if (counts.length < n) {
            counts = new double[n];
            known = new double[n];
            mu = new double[n];
        }
        if (unit.length < k || (k > 0 && unit[0].length < n)) {
            final int size = Math.max(n, unit.length > 0 ? unit[0].length : 0);
            unit = new double[Math.max(k, unit.length)][size];
            ddx = new double[unit.length][size];
            ddy = new double[unit.length][size];
        }
        final int s = psf.scratchSize(w, h);
        if (scratch.length < s) {
            scratch = new double[s];
        }
    }
}
