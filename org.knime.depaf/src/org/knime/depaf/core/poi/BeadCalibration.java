package org.knime.depaf.core.poi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.resample.VolumeInterpolator;
import org.knime.depaf.core.util.Monitor;

/**
 * Calibrates a 3-D POI (a PSF z-stack) from a z-stack of beads: frames are z slices.
 *
 * <ol>
 * <li>In-focus slice: given, or the slice whose 3 × 3-smoothed maximum is highest.</li>
 * <li>Beads: local maxima (3 × 3) of the smoothed in-focus slice whose height above the slice median is at least
 * {@code relativeThreshold} × the highest one. Maxima within 2 px of a brighter one belong to that bead.</li>
 * <li>Rejection: a bead whose window (plus one pixel for the shift) leaves the image, or that lies closer than
 * {@code minSeparation} to another bead (both are rejected: their windows overlap).</li>
 * <li>Crop a {@code windowSize²} window through all slices; subtract the median of the crop's border pixels over
 * all slices (the local background).</li>
 * <li>Register: measure the sub-pixel centre on the in-focus slice (Gaussian fit or centroid) and shift the
 * whole crop so that it sits on the window centre, with {@link VolumeInterpolator#sampleGrid} (same z).</li>
 * <li>Scale each crop to unit sum of its in-focus slice, average the crops, and scale the average to peak 1.</li>
 * <li>Focal plane (z = 0): the given focus slice, else {@link FocalPlane#find} (astigmatism: σx = σy); the stack
 * is cropped symmetrically around it so that its centre slice is the focal plane.</li>
 * </ol>
 * Beads are assumed to lie in one plane (no per-bead z registration). The result is a
 * {@link Poi.Kind#Z_STACK} with the settings' z step and the stack's pixel size. Stateless and thread-safe.
 */
public final class BeadCalibration {

    /** A bead that was used: its registered centre in the stack (0-based pixels) and its peak height. */
    public static final class Bead {
        private final double y;
        private final double x;
        private final double peak;

        Bead(final double y, final double x, final double peak) {
            this.y = y;
            this.x = x;
            this.peak = peak;
        }

        public double y() {
            return y;
        }

        public double x() {
            return x;
        }

        /** @return smoothed peak height above the slice median on the in-focus slice */
        public double peak() {
            return peak;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "bead at (y %.2f, x %.2f), peak %.4g", y, x, peak);
        }
    }

    /** The calibration: the POI and what was found. */
    public static final class Result {
        private final Poi poi;
        private final List<Bead> beads;
        private final int candidates;
        private final int rejectedAtBorder;
        private final int rejectedOverlapping;
        private final int focusSlice;
        private final FocalPlane focalPlane;

        Result(final Poi poi, final List<Bead> beads, final int candidates, final int rejectedAtBorder,
            final int rejectedOverlapping, final int focusSlice, final FocalPlane focalPlane) {
            this.focalPlane = focalPlane;
            this.poi = poi;
            this.beads = Collections.unmodifiableList(new ArrayList<>(beads));
            this.candidates = candidates;
            this.rejectedAtBorder = rejectedAtBorder;
            this.rejectedOverlapping = rejectedOverlapping;
            this.focusSlice = focusSlice;
        }

        /** @return the calibrated POI, window × window × slices, peak 1 */
        public Poi poi() {
            return poi;
        }

        /** @return the beads averaged into the POI */
        public List<Bead> beads() {
            return beads;
        }

        /** @return number of bead candidates above the threshold */
        public int candidates() {
            return candidates;
        }

        public int rejectedAtBorder() {
            return rejectedAtBorder;
        }

        public int rejectedOverlapping() {
            return rejectedOverlapping;
        }

        /**
         * @return the focal plane (z = 0) as a 0-based slice of the bead stack; the POI is centred on it (its
         *         centre slice is the focal plane)
         */
        public FocalPlane focalPlane() {
            return focalPlane;
        }

        /** @return the in-focus slice used to find the beads (0-based) */
        public int focusSlice() {
            return focusSlice;
        }

        @Override
        public String toString() {
            return beads.size() + " beads used of " + candidates + " candidates (" + rejectedAtBorder
                + " at the border, " + rejectedOverlapping + " overlapping), beads found on slice " + (focusSlice + 1)
                + String.format(Locale.ROOT, "; focal plane (z = 0) at slice %.1f (1-based, %s); POI of %d slices "
                    + "centred on it", focalPlane.slice() + 1, focalPlane.method(), poi.channels());
        }
    }

    private BeadCalibration() {
    }

    /**
     * @param beads the bead z-stack (frames = slices), finite values
     * @param settings calibration parameters
     * @param monitor progress and cancellation
     * @return the calibrated POI and the beads used
     * @throws IllegalArgumentException if no usable bead is found (the message says how many were rejected and
     *             why), or the window is larger than the image, or the focus slice is outside the stack
     */
    public static Result calibrate(final ImageStack beads, final BeadCalibrationSettings settings,
        final Monitor monitor) {
        Objects.requireNonNull(beads, "bead stack");
        Objects.requireNonNull(settings, "settings");
        beads.requireFinite();
        final int h = beads.height();
        final int w = beads.width();
        final int slices = beads.frames();
        final int win = settings.windowSize();
        if (win + 2 > h || win + 2 > w) {
            throw new IllegalArgumentException("The bead window size " + win + " does not fit in the " + h + " × " + w
                + " bead images (it must be at most " + (Math.min(h, w) - 2) + ")");
        }
        int focus = settings.focusSlice();
        if (focus >= slices) {
            throw new IllegalArgumentException("The focus slice " + (focus + 1) + " (1-based) is outside the bead "
                + "stack of " + slices + " slices");
        }
        if (focus < 0) {
            focus = brightestSlice(beads);
        }
        final float[] smooth = smooth3x3(beads.frame(focus), h, w);
        final double median = median(smooth);

        // candidates: local maxima above threshold, brightest first
        final List<double[]> maxima = new ArrayList<>();
        double best = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                final float v = smooth[y * w + x];
                if (isLocalMax(smooth, w, y, x)) {
                    maxima.add(new double[] {v - median, y, x});
                    best = Math.max(best, v - median);
                }
            }
        }
        maxima.sort((a, b) -> Double.compare(b[0], a[0]));
        final List<double[]> candidates = new ArrayList<>();
        for (final double[] m : maxima) {
            if (m[0] < settings.relativeThreshold() * best) {
                break;
            }
            boolean sameBead = false;
            for (final double[] c : candidates) {
                if (Math.hypot(c[1] - m[1], c[2] - m[2]) <= 2) {
                    sameBead = true;
                    break;
                }
            }
            if (!sameBead) {
                candidates.add(m);
            }
        }
        final int half = (win - 1) / 2;
        int border = 0;
        int overlap = 0;
        final List<double[]> accepted = new ArrayList<>();
        for (final double[] c : candidates) {
            final int y = (int)c[1];
            final int x = (int)c[2];
            if (y - half - 1 < 0 || x - half - 1 < 0 || y + half + 1 >= h || x + half + 1 >= w) {
                border++;
                continue;
            }
            boolean close = false;
            for (final double[] o : candidates) {
                if (o != c && Math.hypot(o[1] - c[1], o[2] - c[2]) < settings.minSeparation()) {
                    close = true;
                    break;
                }
            }
            if (close) {
                overlap++;
            } else {
                accepted.add(c);
            }
        }
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException(beads.source() + ": no usable bead on slice " + (focus + 1)
                + " (1-based): " + candidates.size() + " candidates, " + border + " too close to the border, " + overlap
                + " overlapping (closer than " + settings.minSeparation() + " px)");
        }

        final int plane = win * win;
        final double[] sum = new double[slices * plane];
        final List<Bead> used = new ArrayList<>();
        final float[] pixels = beads.pixels();
        final float[] crop = new float[slices * plane];
        final float[] shifted = new float[plane];
        final float[] border4 = new float[slices * 4 * (win - 1)];
        for (int b = 0; b < accepted.size(); b++) {
            monitor.checkCancelled();
            final double[] c = accepted.get(b);
            final int cy = (int)c[1];
            final int cx = (int)c[2];
            // crop through all slices
            for (int s = 0; s < slices; s++) {
                for (int i = 0; i < win; i++) {
                    System.arraycopy(pixels, beads.frameOffset(s) + (cy - half + i) * w + cx - half, crop,
                        s * plane + i * win, win);
                }
            }
            // background: median of the crop's border ring over all slices
            int k = 0;
            for (int s = 0; s < slices; s++) {
                for (int i = 0; i < win; i++) {
                    for (int j = 0; j < win; j++) {
                        if (i == 0 || j == 0 || i == win - 1 || j == win - 1) {
                            border4[k++] = crop[s * plane + i * win + j];
                        }
                    }
                }
            }
            final double bg = median(Arrays.copyOf(border4, k));
            for (int i = 0; i < crop.length; i++) {
                crop[i] -= (float)bg;
            }
            final float[] focusCrop = Arrays.copyOfRange(crop, focus * plane, (focus + 1) * plane);
            final double[] centre = measureCentre(focusCrop, win, settings.registration());
            final double dy = centre[0] - half;
            final double dx = centre[1] - half;
            if (!(Math.abs(dy) <= 1.5 && Math.abs(dx) <= 1.5)) {
                overlap++; // the registration found no single centred spot: treat as contaminated
                continue;
            }
            final VolumeInterpolator vi = new VolumeInterpolator(crop, slices, win, win, settings.interpolation());
            double focusSum = 0;
            for (int i = 0; i < plane; i++) {
                focusSum += focusCrop[i];
            }
            if (!(focusSum > 0)) {
                continue;
            }
            for (int s = 0; s < slices; s++) {
                vi.sampleGrid(s, dy, dx, win, win, shifted);
                for (int i = 0; i < plane; i++) {
                    sum[s * plane + i] += shifted[i] / focusSum;
                }
            }
            used.add(new Bead(cy + dy, cx + dx, c[0]));
            monitor.progress((b + 1.0) / accepted.size(), "registered bead " + (b + 1) + " of " + accepted.size());
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException(beads.source() + ": no bead could be registered on slice "
                + (focus + 1) + " (1-based)");
        }
        double max = 0;
        for (final double v : sum) {
            max = Math.max(max, v);
        }
        final float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float)(sum[i] / max);
        }
        final Poi stack = new Poi(out, slices, win, win, Poi.Kind.Z_STACK, beads.pixelSizeNm(), settings.zStepNm(),
            beads.source() + " (bead calibration, " + used.size() + " beads)");
        final FocalPlane focal = settings.focusSlice() >= 0 ? new FocalPlane(settings.focusSlice(), "given")
            : FocalPlane.find(stack);
        final Poi poi = FocalPlane.centreOn(stack, focal.slice());
        return new Result(poi, used, candidates.size(), border, overlap, focus, focal);
    }

    private static double[] measureCentre(final float[] img, final int win,
        final BeadCalibrationSettings.Registration how) {
        if (how == BeadCalibrationSettings.Registration.GAUSSIAN_FIT) {
            final GaussianFit2D f = GaussianFit2D.fit(img, win, win);
            return new double[] {f.y(), f.x()};
        }
        double s = 0;
        double sy = 0;
        double sx = 0;
        for (int i = 0; i < win; i++) {
            for (int j = 0; j < win; j++) {
                final double v = Math.max(0, img[i * win + j]);
                s += v;
                sy += v * i;
                sx += v * j;
            }
        }
        return s > 0 ? new double[] {sy / s, sx / s} : new double[] {Double.NaN, Double.NaN};
    }

    static int brightestSlice(final ImageStack stack) {
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < stack.frames(); s++) {
            final float[] sm = smooth3x3(stack.frame(s), stack.height(), stack.width());
            double m = Double.NEGATIVE_INFINITY;
            for (final float v : sm) {
                m = Math.max(m, v);
            }
            if (m > bestV) {
                bestV = m;
                best = s;
            }
        }
        return best;
    }

    /** 3 × 3 mean with edge replication, to keep single hot pixels from looking like beads. */
    static float[] smooth3x3(final float[] img, final int h, final int w) {
        final float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    final int yy = Math.min(h - 1, Math.max(0, y + dy));
                    for (int dx = -1; dx <= 1; dx++) {
                        final int xx = Math.min(w - 1, Math.max(0, x + dx));
                        s += img[yy * w + xx];
                    }
                }
                out[y * w + x] = (float)(s / 9);
            }
        }
        return out;
    }

    private static boolean isLocalMax(final float[] img, final int w, final int y, final int x) {
        final float v = img[y * w + x];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (dy == 0 && dx == 0) {
                    continue;
                }
                final float o = img[(y + dy) * w + x + dx];
                // ties: only the first in raster order counts, so a flat top yields one maximum
                if (o > v || o == v && (dy < 0 || dy == 0 && dx < 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double median(final float[] v) {
        final float[] c = v.clone();
        Arrays.sort(c);
        final int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * ((double)c[n / 2 - 1] + c[n / 2]);
    }
}
