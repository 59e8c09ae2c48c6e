package org.knime.depaf.core.eval;

import java.util.Arrays;

import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.Monitor;

/**
 * Pairs localisations with ground truth by the protocol of the EPFL SMLM challenge 2016.
 *
 * <p>Per frame: every (ground truth, localisation) pair with lateral distance ≤ {@code lateralToleranceNm} (and,
 * when an axial tolerance is set, |Δz| ≤ {@code axialToleranceNm}) is a candidate; candidates are taken
 * greedily, globally nearest lateral distance first, each point at most once. <b>Ties</b> (equal distances) are
 * broken by the ground-truth row index, then by the localisation row index (lower first). With a border
 * {@code borderNm} &gt; 0, points of both sets outside [border, width − border] × [border, height − border] of the
 * field are left out before matching (the challenge excludes 450 nm of its 6.4 µm field). Counts and squared
 * errors are <b>pooled over all frames</b> (TP, FP, FN summed; RMSE over all pairs), as the challenge reports
 * them. Axial differences are reported when both tables have z. Immutable, thread-safe.
 */
public final class EpflMatcher {

    /** The challenge's lateral tolerance, nm. */
    public static final double DEFAULT_LATERAL_TOLERANCE_NM = 250;

    /** The challenge's axial tolerance in 3-D, nm. */
    public static final double DEFAULT_AXIAL_TOLERANCE_NM = 500;

    /** The challenge's border on its 6.4 µm field, nm. */
    public static final double CHALLENGE_BORDER_NM = 450;

    private final double lateralToleranceNm;
    private final double axialToleranceNm;
    private final double borderNm;
    private final double fieldWidthNm;
    private final double fieldHeightNm;

    /**
     * @param lateralToleranceNm largest lateral distance of a pair, nm, &gt; 0
     * @param axialToleranceNm largest |Δz| of a pair, nm, or NaN for no axial condition (2-D)
     * @param borderNm margin left out at each side of the field, nm, ≥ 0 (0: none)
     * @param fieldWidthNm field width in nm (needed with a border; NaN otherwise)
     * @param fieldHeightNm field height in nm (needed with a border; NaN otherwise)
     */
    public EpflMatcher(final double lateralToleranceNm, final double axialToleranceNm, final double borderNm,
        final double fieldWidthNm, final double fieldHeightNm) {
        if (!(lateralToleranceNm > 0) || Double.isInfinite(lateralToleranceNm)) {
            throw new IllegalArgumentException("Lateral tolerance must be a finite number of nm > 0, got "
                + lateralToleranceNm);
        }
        if (!Double.isNaN(axialToleranceNm) && !(axialToleranceNm > 0)) {
            throw new IllegalArgumentException("Axial tolerance must be > 0 nm or NaN (2-D), got "
                + axialToleranceNm);
        }
        if (!(borderNm >= 0) || Double.isInfinite(borderNm)) {
            throw new IllegalArgumentException("Border must be a finite number of nm ≥ 0, got " + borderNm);
        }
        if (borderNm > 0 && !(2 * borderNm < fieldWidthNm && 2 * borderNm < fieldHeightNm)) {
            throw new IllegalArgumentException("A border of " + borderNm + " nm needs a field larger than twice the "
                + "border, got " + fieldWidthNm + " × " + fieldHeightNm + " nm");
        }
        this.lateralToleranceNm = lateralToleranceNm;
        this.axialToleranceNm = axialToleranceNm;
        this.borderNm = borderNm;
        this.fieldWidthNm = fieldWidthNm;
        this.fieldHeightNm = fieldHeightNm;
    }

    /** @return a 2-D matcher with the given lateral tolerance and no border */
    public static EpflMatcher lateral(final double toleranceNm) {
        return new EpflMatcher(toleranceNm, Double.NaN, 0, Double.NaN, Double.NaN);
    }

    /** @return a copy with a border exclusion for a field of the given size */
    public EpflMatcher withBorder(final double border, final double widthNm, final double heightNm) {
        return new EpflMatcher(lateralToleranceNm, axialToleranceNm, border, widthNm, heightNm);
    }

    /** @return a copy with an axial tolerance (NaN: none) */
    public EpflMatcher withAxialTolerance(final double nm) {
        return new EpflMatcher(lateralToleranceNm, nm, borderNm, fieldWidthNm, fieldHeightNm);
    }

    /** @return the pooled metrics of {@link #match} */
    public Metrics evaluate(final LocalisationTable groundTruth, final LocalisationTable localisations) {
        return match(groundTruth, localisations).metrics();
    }

    /**
     * Matches frame by frame and pools the pairs.
     *
     * @throws IllegalArgumentException if an axial tolerance is set but a table has no z column
     */
    public MatchResult match(final LocalisationTable gt, final LocalisationTable loc) {
        return match(gt, loc, Monitor.NONE);
    }

    /**
     * Matches frame by frame and pools the pairs; time and memory depend on the number of rows, not on the frame
     * numbers (only frames that occur in either table are visited).
     *
     * @param monitor cancellation, checked once per frame
     * @throws IllegalArgumentException if an axial tolerance is set but a table has no z column
     */
    public MatchResult match(final LocalisationTable gt, final LocalisationTable loc, final Monitor monitor) {
        final boolean axialGate = !Double.isNaN(axialToleranceNm);
        if (axialGate && (!gt.has(LocalisationTable.Column.Z) || !loc.has(LocalisationTable.Column.Z))) {
            throw new IllegalArgumentException("An axial tolerance needs z in both tables; the "
                + (gt.has(LocalisationTable.Column.Z) ? "localisations have" : "ground truth has") + " none");
        }
        final boolean withZ = gt.has(LocalisationTable.Column.Z) && loc.has(LocalisationTable.Column.Z);
        final LocalisationTable.FrameIndex gi = gt.frameIndex();
        final LocalisationTable.FrameIndex li = loc.frameIndex();
        final IntList pg = new IntList();
        final IntList pl = new IntList();
        final DoubleList dl = new DoubleList();
        final DoubleList da = new DoubleList();
        int gtCount = 0;
        int locCount = 0;
        final double tol2 = lateralToleranceNm * lateralToleranceNm;
        for (final int f : LocalisationTable.FrameIndex.union(gi, li)) {
            monitor.checkCancelled();
            final int[] g = inside(gt, gi.rows(f));
            final int[] l = inside(loc, li.rows(f));
            gtCount += g.length;
            locCount += l.length;
            if (g.length == 0 || l.length == 0) {
                continue;
            }
            // candidates within tolerance: localisations sorted by x, a window of ±tolerance per ground truth
            final double[] lx = new double[l.length];
            for (int k = 0; k < l.length; k++) {
                lx[k] = loc.x(l[k]);
            }
            final int[] byX = PairSort.order(lx, l, l, l.length);
            final double[] sx = new double[l.length];
            for (int k = 0; k < l.length; k++) {
                sx[k] = lx[byX[k]];
            }
            int cap = 16;
            double[] cd = new double[cap];
            int[] ca = new int[cap];
            int[] cb = new int[cap];
            int n = 0;
            for (final int a : g) {
                final double gx = gt.x(a);
                final double gy = gt.y(a);
                for (int k = lowerBound(sx, gx - lateralToleranceNm); k < sx.length
                    && sx[k] <= gx + lateralToleranceNm; k++) {
                    final int b = l[byX[k]];
                    final double dx = sx[k] - gx;
                    final double dy = loc.y(b) - gy;
                    final double d2 = dx * dx + dy * dy;
                    if (d2 > tol2 || axialGate && !(Math.abs(loc.z(b) - gt.z(a)) <= axialToleranceNm)) {
                        continue;
                    }
                    if (n == cap) {
                        cap *= 2;
                        cd = Arrays.copyOf(cd, cap);
                        ca = Arrays.copyOf(ca, cap);
                        cb = Arrays.copyOf(cb, cap);
                    }
                    cd[n] = Math.sqrt(d2);
                    ca[n] = a;
                    cb[n] = b;
                    n++;
                }
            }
            final int[] order = PairSort.order(cd, ca, cb, n);
            final java.util.BitSet usedG = new java.util.BitSet();
            final java.util.BitSet usedL = new java.util.BitSet();
            for (final int k : order) {
                if (!usedG.get(ca[k]) && !usedL.get(cb[k])) {
                    usedG.set(ca[k]);
                    usedL.set(cb[k]);
                    pg.add(ca[k]);
                    pl.add(cb[k]);
                    dl.add(cd[k]);
                    da.add(withZ ? loc.z(cb[k]) - gt.z(ca[k]) : Double.NaN);
                }
            }
        }
        return new MatchResult(pg.toArray(), pl.toArray(), dl.toArray(), da.toArray(), gtCount, locCount);
    }

    /** @return the first index with sorted[i] ≥ v */
    private static int lowerBound(final double[] sorted, final double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int[] inside(final LocalisationTable t, final int[] rows) {
        if (borderNm <= 0) {
            return rows;
        }
        int n = 0;
        final int[] out = new int[rows.length];
        for (final int r : rows) {
            final double x = t.x(r);
            final double y = t.y(r);
            if (x >= borderNm && x <= fieldWidthNm - borderNm && y >= borderNm && y <= fieldHeightNm - borderNm) {
                out[n++] = r;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Growable int array. */
    static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(final int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Growable double array. */
    static final class DoubleList {
        private double[] a = new double[16];
        private int n;

        void add(final double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
