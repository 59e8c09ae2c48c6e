package org.knime.depaf.core.eval;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.VolumeInterpolator;
import org.knime.depaf.core.util.Monitor;

/**
 * The 2-D SMLM evaluation of the DEPAF paper (depaf-method.md §14.3), kept as a secondary protocol for
 * comparison with its published numbers.
 *
 * <p>Per frame: ground truth and localisations are each sorted by brightness, descending; each localisation in
 * that order takes its <b>nearest unmatched</b> ground-truth point within {@code radiusPx} camera pixels (ties: the
 * earlier point in the ground truth's brightness order). Per frame Jaccard = TP/(TP+FP+FN) and locErr = the
 * <b>mean</b> matched distance in pixels (the paper calls it RMSE); both are averaged over frames. Frames with
 * neither ground truth nor localisations are skipped; frames without pairs do not enter the locErr mean.
 * Efficiency = 100 − √((100 − 100·J)² + (locErr · pixelSizeNm)²) (the paper's data had 120 nm pixels).
 *
 * <p>Brightness: the paper uses the raw image spline-interpolated at each position; give the raw stack to do the
 * same. Without it, ground truth ranks by its intensity column and localisations by amplitude (else intensity);
 * rows without a value keep table order after the others. Immutable, thread-safe.
 */
public final class DepafPaperEvaluator {

    private final double pixelSizeNm;
    private final double radiusPx;

    /**
     * The result.
     *
     * @param jaccard Jaccard index as a fraction, averaged over frames
     * @param meanDistancePx locErr: mean matched distance in camera pixels, averaged over frames
     * @param meanDistanceNm the same in nm
     * @param efficiency 100 − √((100 − 100·J)² + (locErr in nm)²)
     * @param frames frames evaluated
     * @param tp total matched pairs (for information)
     */
    public record Result(double jaccard, double meanDistancePx, double meanDistanceNm, double efficiency, int frames,
        int tp) {
    }

    /**
     * @param pixelSizeNm camera pixel size in nm (120 in the paper's 2-D benchmark)
     * @param radiusPx matching radius in camera pixels (1 in the paper)
     */
    public DepafPaperEvaluator(final double pixelSizeNm, final double radiusPx) {
        if (!(pixelSizeNm > 0) || !(radiusPx > 0) || Double.isInfinite(pixelSizeNm) || Double.isInfinite(radiusPx)) {
            throw new IllegalArgumentException("Pixel size and radius must be finite and > 0, got " + pixelSizeNm
                + " nm and " + radiusPx + " px");
        }
        this.pixelSizeNm = pixelSizeNm;
        this.radiusPx = radiusPx;
    }

    /**
     * @param raw the raw stack for brightness ranking, or null to rank by the tables' columns
     */
    public Result evaluate(final LocalisationTable gt, final LocalisationTable loc, final ImageStack raw) {
        return evaluate(gt, loc, raw, Monitor.NONE);
    }

    /**
     * As {@link #evaluate(LocalisationTable, LocalisationTable, ImageStack)}; only frames that occur in either
     * table are visited.
     *
     * @param monitor cancellation, checked once per frame
     */
    public Result evaluate(final LocalisationTable gt, final LocalisationTable loc, final ImageStack raw,
        final Monitor monitor) {
        final LocalisationTable.FrameIndex gi = gt.frameIndex();
        final LocalisationTable.FrameIndex li = loc.frameIndex();
        final double r2 = radiusPx * pixelSizeNm * radiusPx * pixelSizeNm;
        double jSum = 0;
        int jFrames = 0;
        double dSum = 0;
        int dFrames = 0;
        int tpTotal = 0;
        for (final int f : LocalisationTable.FrameIndex.union(gi, li)) {
            monitor.checkCancelled();
            final int[] g = gi.rows(f);
            final int[] l = li.rows(f);
            if (g.length == 0 && l.length == 0) {
                continue;
            }
            final VolumeInterpolator image = raw == null ? null : frameInterpolator(raw, f);
            final int[] gs = byBrightness(gt, g, image, true);
            final int[] ls = byBrightness(loc, l, image, false);
            final boolean[] used = new boolean[gs.length];
            int tp = 0;
            double dist = 0;
            for (final int b : ls) {
                int best = -1;
                double bestD2 = Double.POSITIVE_INFINITY;
                for (int k = 0; k < gs.length; k++) {
                    if (used[k]) {
                        continue;
                    }
                    final double dx = loc.x(b) - gt.x(gs[k]);
                    final double dy = loc.y(b) - gt.y(gs[k]);
                    final double d2 = dx * dx + dy * dy;
                    if (d2 <= r2 && d2 < bestD2) {
                        bestD2 = d2;
                        best = k;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    tp++;
                    dist += Math.sqrt(bestD2) / pixelSizeNm;
                }
            }
            final int fp = ls.length - tp;
            final int fn = gs.length - tp;
            jSum += (double)tp / (tp + fp + fn);
            jFrames++;
            if (tp > 0) {
                dSum += dist / tp;
                dFrames++;
            }
            tpTotal += tp;
        }
        final double j = jFrames == 0 ? Double.NaN : jSum / jFrames;
        final double dPx = dFrames == 0 ? Double.NaN : dSum / dFrames;
        final double a = 100 - 100 * j;
        final double b = dPx * pixelSizeNm;
        return new Result(j, dPx, dPx * pixelSizeNm, 100 - Math.sqrt(a * a + b * b), jFrames, tpTotal);
    }

    private static VolumeInterpolator frameInterpolator(final ImageStack raw, final int oneBasedFrame) {
        if (oneBasedFrame > raw.frames()) {
            throw new IllegalArgumentException("Frame " + oneBasedFrame + " of the tables is beyond the raw stack's "
                + raw.frames() + " frames");
        }
        return new VolumeInterpolator(raw.frame(oneBasedFrame - 1), 1, raw.height(), raw.width(),
            Interpolation.SPLINE);
    }

    /** @return rows ordered by brightness, descending, stable; rows without a value last */
    private int[] byBrightness(final LocalisationTable t, final int[] rows, final VolumeInterpolator image,
        final boolean groundTruth) {
        final double[] key = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            final int r = rows[k];
            double v;
            if (image != null) {
                v = image.value(0, t.y(r) / pixelSizeNm - 0.5, t.x(r) / pixelSizeNm - 0.5);
            } else if (groundTruth || !t.has(LocalisationTable.Column.AMPLITUDE)) {
                v = t.intensity(r);
            } else {
                v = t.amplitude(r);
            }
            // sort ascending on −v; NaN (no value) sorts last
            key[k] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        }
        final int[] pos = new int[rows.length];
        final int[] zero = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            pos[k] = k;
        }
        final int[] order = PairSort.order(key, pos, zero, rows.length);
        final int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = rows[order[k]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "DEPAF paper protocol (radius " + radiusPx + " px of " + pixelSizeNm + " nm)";
    }
}
