package org.knime.depaf.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.knime.depaf.core.forward.SampleCache;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.preprocess.Percentiles;
import org.knime.depaf.core.util.CancelledException;
import org.knime.depaf.core.util.Monitor;

/**
 * Finds the detection threshold that lets the detections best explain the network's own reconstruction
 * (depaf-method.md §11).
 *
 * <p><b>Objective.</b> For a set of patches with maps {@code A}, {@code Dsum}, {@code Xbg} (training
 * patches run through the trained network, all channels, full POI):
 * {@code J(τ) = (1/N) Σ_patches Σ_pixels |ISyn_τ − Dsum|}, where {@code ISyn_τ} is the re-synthesis
 * ({@link SpotSynthesizer}) of the detections found at {@code τ} ({@link Detector}). Too low a threshold
 * makes spurious or duplicated spots ({@code ISyn > Dsum}), too high a threshold misses spots. Note that
 * isolated activations of {@code A} are part of {@code Dsum}: the objective favours detecting them when
 * their value exceeds the residual noise on the amplitude scale ({@code |Xbg − Dsum| / max P}), which
 * inflates their re-synthesised amplitude otherwise. (Observed on simulated maps; a property of the
 * reference's objective, not of this implementation.)
 *
 * <p><b>Search.</b> The range {@code [lo, hi]} is the 0.01th to 99.99th percentile of {@code A2 = Σ_c A_c}
 * over all pixels of all patches (MATLAB {@code prctile} semantics, {@link Percentiles}).
 * <ol>
 * <li>Coarse stage: {@code J} on a uniform grid of {@code coarsePoints} thresholds from {@code lo} to
 * {@code hi} (default 100); {@code τ0} = the grid point with the smallest loss (ties: the largest τ). This
 * replaces the reference's MATLAB {@code bayesopt} (80 evaluations, Gaussian-process surrogate, expected
 * improvement), whose result depends on MATLAB's random state. The grid costs about as many evaluations, is
 * deterministic, and cannot miss a basin the surrogate smoothed over. With 100 points the grid spacing
 * ({@code (hi−lo)/99 ≈ 30 Δ}) is smaller than the half-width of the fine window ({@code 50 Δ}), so the fine
 * stage always covers both coarse neighbours of {@code τ0}.</li>
 * <li>Fine stage, exactly as the reference: step {@code Δ = (hi − lo)/3000}; window
 * {@code [max(τ0 − 50Δ, lo), min(τ0 + 50Δ − Δ, hi)]} in steps of Δ (100 points); if the minimum is on the
 * window's first point and the window does not start at {@code lo}, re-centre at {@code first − 50Δ + 10Δ}
 * and repeat; symmetrically at the upper end ({@code last + 50Δ − 10Δ}); at most 5 windows. The result is
 * the point of the last window with the smallest loss, ties going to the largest τ.</li>
 * </ol>
 *
 * <p><b>Parallelism and determinism.</b> Each batch of thresholds is evaluated in parallel over patches on
 * {@code threads} worker threads (1 = the calling thread). Per-patch losses are summed in patch order in
 * {@code double}, so the result does not depend on the number of threads. Detections at nearby thresholds
 * share most spots; each worker keeps a {@link SampleCache} while it runs through a patch's thresholds in
 * increasing order, which avoids re-sampling the POI.
 *
 * <p><b>Cost.</b> Per evaluation and patch: one connected-component pass over the patch, the partition,
 * and one POI sample per new spot. The patches' maps are referenced, and two extra {@code float} maps per
 * patch ({@code A2}, {@code Anoisy}) plus one copy of all {@code A2} values for the percentiles are held
 * during the search.
 *
 * <p>Cancellable through the {@link Monitor} (checked before every patch-threshold evaluation; throws
 * {@link CancelledException}); progress is reported per evaluated patch. Immutable and thread-safe.
 */
public final class ThresholdSearch {

    /** Default number of coarse grid points. */
    public static final int DEFAULT_COARSE_POINTS = 100;

    /** Number of fine steps that make up the search range (the reference's 3000). */
    static final int RANGE_STEPS = 3000;

    /** Number of points in a fine window (the reference's 100). */
    static final int WINDOW_STEPS = 100;

    /** Shift of a re-centred window back towards the previous one, in steps (the reference's 10). */
    static final int RECENTRE_OVERLAP = 10;

    /** Maximum number of fine windows (the reference's 5). */
    static final int MAX_ATTEMPTS = 5;

    private final Detector detector;
    private final SpotSynthesizer synthesizer;
    private final int coarsePoints;
    private final int threads;

    /**
     * @param detector the detector (POI and interpolation of the model)
     * @param synthesizer the re-synthesiser; must use the same POI sampler as the detector
     * @param coarsePoints number of coarse grid points, ≥ 2 (use {@link #DEFAULT_COARSE_POINTS})
     * @param threads number of worker threads, ≥ 1 (1 evaluates on the calling thread)
     */
    public ThresholdSearch(final Detector detector, final SpotSynthesizer synthesizer, final int coarsePoints,
        final int threads) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.synthesizer = Objects.requireNonNull(synthesizer, "synthesizer");
        if (synthesizer.sampler() != detector.sampler()) {
            throw new IllegalArgumentException("Detector and synthesizer must share one POI sampler");
        }
        if (coarsePoints < 2) {
            throw new IllegalArgumentException("Number of coarse threshold points must be at least 2, got "
                + coarsePoints);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Number of threads must be at least 1, got " + threads);
        }
        this.coarsePoints = coarsePoints;
        this.threads = threads;
    }

    /**
     * Runs the search.
     *
     * @param patches the patches' maps (at least one; all with the POI's number of channels)
     * @param monitor progress and cancellation
     * @return the optimal threshold and the loss curves
     * @throws CancelledException if the monitor was cancelled
     */
    public ThresholdSearchResult search(final List<FrameMaps> patches, final Monitor monitor) {
        return search(patches, Double.NaN, Double.NaN, monitor);
    }

    /**
     * Runs the search on a range of the user's choice.
     *
     * @param patches the patches' maps (at least one; all with the POI's number of channels)
     * @param low lower end of the search range, or NaN for the method's 0.01th percentile of the summed amplitudes
     * @param high upper end of the search range, or NaN for the 99.99th percentile
     * @param monitor progress and cancellation
     * @return the optimal threshold and the loss curves
     * @throws IllegalArgumentException if a given end is negative or not finite, or the range is empty
     * @throws CancelledException if the monitor was cancelled
     */
    public ThresholdSearchResult search(final List<FrameMaps> patches, final double low, final double high,
        final Monitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        for (final double end : new double[] {low, high}) {
            if (!Double.isNaN(end) && !(end >= 0 && Double.isFinite(end))) {
                throw new IllegalArgumentException("The threshold search range must have finite ends ≥ 0 (or be "
                    + "automatic), got [" + low + ", " + high + "]");
            }
        }
        if (!Double.isNaN(low) && !Double.isNaN(high) && !(high > low)) {
            throw new IllegalArgumentException("The threshold search range [" + low + ", " + high + "] is empty: "
                + "its maximum must be larger than its minimum");
        }
        final Detector.Prepared[] prepared = prepare(patches);
        monitor.checkCancelled();
        final double[] range = range(prepared);
        return search(Double.isNaN(low) ? range[0] : low, Double.isNaN(high) ? range[1] : high, coarsePoints,
            (taus, from, to, stage) -> evaluate(prepared, taus, monitor, from, to, stage), monitor);
    }

    /** The objective on a batch of increasing thresholds, reporting progress in [from, to]. */
    @FunctionalInterface
    interface Objective {
        double[] evaluate(double[] thresholds, double progressFrom, double progressTo, String stage);
    }

    /** The two-stage search on [lo, hi] for any objective; see the class description. */
    static ThresholdSearchResult search(final double lo, final double hi, final int coarsePoints,
        final Objective objective, final Monitor monitor) {
        final List<String> warnings = new ArrayList<>();
        if (!(hi > lo)) {
            warnings.add("The summed amplitude maps have (almost) a single value (" + lo + "): there is nothing "
                + "to threshold; the threshold is set to that value");
            final double[] j = objective.evaluate(new double[] {lo}, 0, 1, "threshold search");
            monitor.progress(1, "threshold search done");
            return new ThresholdSearchResult(lo, lo, hi, 0, new double[] {lo}, j, new double[] {lo}, j, 0, true,
                true, warnings);
        }
        // Coarse stage.
        final double[] coarse = new double[coarsePoints];
        for (int k = 0; k < coarsePoints; k++) {
            coarse[k] = k == coarsePoints - 1 ? hi : lo + (hi - lo) * k / (coarsePoints - 1);
        }
        final double[] coarseLoss = objective.evaluate(coarse, 0, 0.5, "coarse threshold grid");
        double center = coarse[argminLast(coarseLoss)];

        // Fine stage.
        final double step = (hi - lo) / RANGE_STEPS;
        final double half = WINDOW_STEPS / 2 * step;
        double[] fine = null;
        double[] fineLoss = null;
        boolean converged = true;
        int attempt = 0;
        while (attempt < MAX_ATTEMPTS) {
            attempt++;
            final double wlo = Math.max(center - half, lo);
            final double whi = Math.min(center + half - step, hi);
            fine = grid(wlo, whi, step);
            final double from = 0.5 + 0.1 * (attempt - 1);
            fineLoss = objective.evaluate(fine, from, from + 0.1, "fine threshold grid " + attempt);
            final double min = min(fineLoss);
            if (fineLoss[0] == min && wlo > lo) {
                center = fine[0] - half + RECENTRE_OVERLAP * step;
            } else if (fineLoss[fineLoss.length - 1] == min && whi < hi) {
                center = fine[fine.length - 1] + half - RECENTRE_OVERLAP * step;
            } else {
                break;
            }
            if (attempt == MAX_ATTEMPTS) {
                converged = false;
            }
        }
        final double best = fine[argminLast(fineLoss)];
        final boolean atEdge = best <= lo + step / 2 || best >= hi - step / 2;
        if (atEdge) {
            warnings.add("The optimal threshold " + best + " lies at the edge of the search range [" + lo + ", " + hi
                + "]; widen the range, or the model may detect nothing useful or everything");
        }
        if (!converged) {
            warnings.add("The fine threshold search still had its minimum at the edge of its window after "
                + MAX_ATTEMPTS + " windows; the threshold " + best + " may not be the best one");
        }
        monitor.progress(1, "threshold search done: " + best);
        return new ThresholdSearchResult(best, lo, hi, step, coarse, coarseLoss, fine, fineLoss, attempt, atEdge,
            converged, warnings);
    }

    /**
     * The objective at one threshold.
     *
     * @param patches the patches' maps
     * @param threshold τ
     * @return J(τ), the mean over patches of Σ|ISyn − Dsum|
     */
    public double objective(final List<FrameMaps> patches, final double threshold) {
        return evaluate(prepare(patches), new double[] {threshold}, Monitor.NONE, 0, 1, "objective")[0];
    }

    /**
     * The search range for these patches.
     *
     * @param patches the patches' maps
     * @return {lo, hi}: the 0.01th and 99.99th percentiles of A2 over all pixels of all patches
     */
    public double[] range(final List<FrameMaps> patches) {
        return range(prepare(patches));
    }

    private Detector.Prepared[] prepare(final List<FrameMaps> patches) {
        Objects.requireNonNull(patches, "patches");
        if (patches.isEmpty()) {
            throw new IllegalArgumentException("The threshold search needs at least one patch, got none");
        }
        final Detector.Prepared[] out = new Detector.Prepared[patches.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = detector.prepare(patches.get(p));
        }
        return out;
    }

    private static double[] range(final Detector.Prepared[] prepared) {
        long total = 0;
        for (final Detector.Prepared p : prepared) {
            total += p.a2.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Too many pixels for the threshold search (" + total
                + "); use fewer patches");
        }
        final float[] all = new float[(int)total];
        int off = 0;
        for (final Detector.Prepared p : prepared) {
            System.arraycopy(p.a2, 0, all, off, p.a2.length);
            off += p.a2.length;
        }
        return new double[] {Percentiles.prctile(all, 0.01), Percentiles.prctile(all, 99.99)};
    }

    /** Thresholds wlo, wlo + Δ, … up to whi (MATLAB colon, with a tolerance for round-off). */
    static double[] grid(final double wlo, final double whi, final double step) {
        final int n = (int)Math.floor((whi - wlo) / step + 1e-9) + 1;
        final double[] out = new double[Math.max(1, n)];
        for (int k = 0; k < out.length; k++) {
            out[k] = wlo + k * step;
        }
        return out;
    }

    /** Index of the smallest value, the last one among equals (ties go to the largest threshold). */
    static int argminLast(final double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] <= v[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double min(final double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (final double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** J at each threshold (thresholds increasing), parallel over patches. */
    private double[] evaluate(final Detector.Prepared[] prepared, final double[] taus, final Monitor monitor,
        final double progressFrom, final double progressTo, final String stage) {
        final int n = prepared.length;
        final double[][] perPatch = new double[n][];
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicBoolean failed = new AtomicBoolean();
        final Runnable worker = () -> {
            final Detector.Scratch scratch = new Detector.Scratch();
            try {
                for (int p = next.getAndIncrement(); p < n && !failed.get(); p = next.getAndIncrement()) {
                    perPatch[p] = evaluatePatch(prepared[p], taus, monitor, scratch);
                    final int d = done.incrementAndGet();
                    monitor.progress(progressFrom + (progressTo - progressFrom) * d / n,
                        stage + ": patch " + d + " of " + n);
                }
            } catch (final RuntimeException | Error e) {
                // Stop the other workers early; the exception reaches the caller through runParallel.
                failed.set(true);
                throw e;
            }
        };
        if (threads == 1 || n == 1) {
            worker.run();
        } else {
            runParallel(worker, Math.min(threads, n));
        }
        final double[] out = new double[taus.length];
        for (int k = 0; k < taus.length; k++) {
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += perPatch[p][k];
            }
            out[k] = s / n;
        }
        return out;
    }

    private double[] evaluatePatch(final Detector.Prepared frame, final double[] taus, final Monitor monitor,
        final Detector.Scratch scratch) {
        final int h = frame.maps.height();
        final int w = frame.maps.width();
        final float[] dsum = frame.maps.dsum();
        final float[] canvas = new float[h * w];
        final SampleCache cache = new SampleCache(detector.sampler());
        final double[] loss = new double[taus.length];
        for (int k = 0; k < taus.length; k++) {
            monitor.checkCancelled();
            cache.nextGeneration();
            final Detections d = detector.detect(frame, taus[k], cache, scratch);
            Arrays.fill(canvas, 0f);
            synthesizer.renderInto(d, h, w, canvas, cache);
            double s = 0;
            for (int i = 0; i < canvas.length; i++) {
                s += Math.abs(canvas[i] - dsum[i]);
            }
            loss[k] = s;
        }
        return loss;
    }

    private static void runParallel(final Runnable worker, final int count) {
        final AtomicInteger id = new AtomicInteger();
        final ThreadFactory factory = r -> {
            final Thread t = new Thread(r, "depaf-threshold-search-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        final ExecutorService pool = Executors.newFixedThreadPool(count, factory);
        try {
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                futures.add(pool.submit(worker));
            }
            RuntimeException failure = null;
            for (final Future<?> f : futures) {
                try {
                    f.get();
                } catch (final ExecutionException e) {
                    final Throwable cause = e.getCause();
                    if (cause instanceof Error) {
                        throw (Error)cause;
                    }
                    final RuntimeException re =
                        cause instanceof RuntimeException ? (RuntimeException)cause : new IllegalStateException(cause);
                    // Prefer reporting a real failure over the cancellation it may have caused elsewhere.
                    if (failure == null || failure instanceof CancelledException) {
                        failure = re;
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
