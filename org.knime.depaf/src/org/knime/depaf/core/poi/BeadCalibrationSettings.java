package org.knime.depaf.core.poi;

import java.util.Objects;

import org.knime.depaf.core.resample.Interpolation;

/**
 * Parameters of {@link BeadCalibration}. Immutable; validated at construction.
 */
public final class BeadCalibrationSettings {

    /** How each bead's sub-pixel centre is measured on the in-focus slice. */
    public enum Registration {
        /** Least-squares 2-D Gaussian fit ({@link GaussianFit2D}); robust, the default. */
        GAUSSIAN_FIT,
        /** Intensity centroid of the background-subtracted slice (positive part), within the window. */
        CENTROID
    }

    private final int windowSize;
    private final int focusSlice;
    private final double relativeThreshold;
    private final double minSeparation;
    private final double zStepNm;
    private final Registration registration;
    private final Interpolation interpolation;

    /**
     * @param windowSize side of the crop around each bead in pixels, odd, ≥ 5
     * @param focusSlice 0-based index of the in-focus slice, or −1 to take the slice with the highest peak
     * @param relativeThreshold a bead's smoothed peak above the slice median must exceed this fraction of the
     *            brightest one's, in (0, 1]
     * @param minSeparation beads closer than this (pixels) to another bead are rejected as overlapping, ≥ 0
     * @param zStepNm spacing of the slices in nm, &gt; 0 (or NaN if unknown)
     * @param registration how bead centres are measured
     * @param interpolation how crops are shifted onto the common centre
     * @throws IllegalArgumentException naming the bad parameter
     */
    public BeadCalibrationSettings(final int windowSize, final int focusSlice, final double relativeThreshold,
        final double minSeparation, final double zStepNm, final Registration registration,
        final Interpolation interpolation) {
        if (windowSize < 5 || windowSize % 2 == 0) {
            throw new IllegalArgumentException("The bead window size must be an odd number of pixels ≥ 5, got "
                + windowSize);
        }
        if (focusSlice < -1) {
            throw new IllegalArgumentException("The focus slice must be a slice index ≥ 0 (or −1 for automatic), "
                + "got " + focusSlice);
        }
        if (!(relativeThreshold > 0 && relativeThreshold <= 1)) {
            throw new IllegalArgumentException("The bead threshold must be a fraction in (0, 1] of the brightest "
                + "bead, got " + relativeThreshold);
        }
        if (!(minSeparation >= 0) || Double.isInfinite(minSeparation)) {
            throw new IllegalArgumentException("The minimum bead separation must be a finite number of pixels ≥ 0, "
                + "got " + minSeparation);
        }
        if (!(Double.isNaN(zStepNm) || zStepNm > 0 && Double.isFinite(zStepNm))) {
            throw new IllegalArgumentException("The z step must be a positive number of nm, got " + zStepNm);
        }
        this.windowSize = windowSize;
        this.focusSlice = focusSlice;
        this.relativeThreshold = relativeThreshold;
        this.minSeparation = minSeparation;
        this.zStepNm = zStepNm;
        this.registration = Objects.requireNonNull(registration, "registration");
        this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
    }

    /**
     * Defaults: automatic focus slice, threshold 0.2, minimum separation = window size, Gaussian-fit
     * registration, spline shifts.
     */
    public static BeadCalibrationSettings defaults(final int windowSize, final double zStepNm) {
        return new BeadCalibrationSettings(windowSize, -1, 0.2, windowSize, zStepNm, Registration.GAUSSIAN_FIT,
            Interpolation.SPLINE);
    }

    public int windowSize() {
        return windowSize;
    }

    public int focusSlice() {
        return focusSlice;
    }

    public double relativeThreshold() {
        return relativeThreshold;
    }

    public double minSeparation() {
        return minSeparation;
    }

    public double zStepNm() {
        return zStepNm;
    }

    public Registration registration() {
        return registration;
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    /** @return a copy with another focus slice */
    public BeadCalibrationSettings withFocusSlice(final int slice) {
        return new BeadCalibrationSettings(windowSize, slice, relativeThreshold, minSeparation, zStepNm,
            registration, interpolation);
    }
}
