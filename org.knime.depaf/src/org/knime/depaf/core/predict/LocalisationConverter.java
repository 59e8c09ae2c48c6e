package org.knime.depaf.core.predict;

import java.util.Objects;

import org.knime.depaf.core.detect.CoordinateMapping;
import org.knime.depaf.core.detect.Detections;
import org.knime.depaf.core.loc.LocalisationTable;

/**
 * Turns the detections of one frame into localisation-table rows (§12 step 5, §13).
 *
 * <p>Positions: upsampled-grid detections are mapped to camera pixels with {@link CoordinateMapping} (0-based,
 * centres at integers), then to nm with {@code x_nm = (x_px + 0.5)·pixelSizeNm}. Columns written:
 * <ul>
 * <li>frame (1-based), x, y [nm];</li>
 * <li>{@link LocalisationTable.Column#AMPLITUDE}: DEPAF's normalised peak height (§10 step 5);</li>
 * <li>{@value #AMPLITUDE_RAW}: amplitude × normMax, the peak height in raw camera units above the background
 * (no photon conversion exists in DEPAF);</li>
 * <li>for z-stack POIs (C &gt; 1) only: {@value #Z_SLICE}, the fractional 0-based slice index of the original
 * (not upsampled) POI stack, and, when the POI's z step is known, z [nm] =
 * {@code (slice − (C'−1)/2)·zStep}, i.e. 0 at the centre slice of the stack (C' = original slice count). A 2-D
 * POI gives no z column: DEPAF has no z for it.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalisationConverter {

    /** Name of the extra column holding amplitude × normMax. */
    public static final String AMPLITUDE_RAW = "amplitude raw";

    /** Name of the extra column holding the 0-based original POI slice index (z-stack POIs only). */
    public static final String Z_SLICE = "z slice";

    private final CoordinateMapping mapping;
    private final double pixelSizeNm;
    private final double normMax;
    private final boolean zStack;
    private final double zStepNm;

    /**
     * @param mapping upsampled grid ↔ camera pixels and POI slices
     * @param pixelSizeNm camera pixel size, positive
     * @param normMax the model's normMax
     * @param zStack whether the POI is a z-stack (more than one channel)
     * @param zStepNm slice spacing of the original POI stack in nm, NaN when unknown (then no z column)
     */
    public LocalisationConverter(final CoordinateMapping mapping, final double pixelSizeNm, final double normMax,
        final boolean zStack, final double zStepNm) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        if (!(pixelSizeNm > 0 && Double.isFinite(pixelSizeNm))) {
            throw new IllegalArgumentException("pixel size must be a positive number of nm, got " + pixelSizeNm);
        }
        this.pixelSizeNm = pixelSizeNm;
        this.normMax = normMax;
        this.zStack = zStack;
        this.zStepNm = zStepNm > 0 && Double.isFinite(zStepNm) ? zStepNm : Double.NaN;
    }

    /** @return the camera pixel size in nm */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** @return an empty builder with this converter's pixel size */
    public LocalisationTable.Builder newTable() {
        return LocalisationTable.builder(pixelSizeNm);
    }

    /**
     * Builds the table so that it has every column this converter writes, even with no rows (a table's columns do
     * not depend on whether a batch happened to have detections).
     *
     * @param table a builder filled by {@link #addRows}
     * @return the table
     */
    public LocalisationTable build(final LocalisationTable.Builder table) {
        LocalisationTable t = table.build();
        if (!t.has(LocalisationTable.Column.AMPLITUDE)) {
            t = t.withColumn(LocalisationTable.Column.AMPLITUDE, nan(t.size()));
        }
        if (t.extraColumn(AMPLITUDE_RAW) == null) {
            t = t.withExtra(AMPLITUDE_RAW, nan(t.size()));
        }
        if (zStack) {
            if (!Double.isNaN(zStepNm) && !t.has(LocalisationTable.Column.Z)) {
                t = t.withColumn(LocalisationTable.Column.Z, nan(t.size()));
            }
            if (t.extraColumn(Z_SLICE) == null) {
                t = t.withExtra(Z_SLICE, nan(t.size()));
            }
        }
        return t;
    }

    private static double[] nan(final int n) {
        final double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /**
     * Adds one row per detection.
     *
     * @param table the builder (its pixel size should be {@link #pixelSizeNm()})
     * @param oneBasedFrame the frame number
     * @param upsampled the frame's detections on the upsampled grid
     */
    public void addRows(final LocalisationTable.Builder table, final int oneBasedFrame, final Detections upsampled) {
        final double centre = (mapping.slicesOriginal() - 1) / 2.0;
        for (int i = 0; i < upsampled.size(); i++) {
            final double xPx = mapping.xToCamera(upsampled.x(i));
            final double yPx = mapping.yToCamera(upsampled.y(i));
            final double amp = upsampled.amplitude(i);
            table.add(oneBasedFrame, LocalisationTable.pxToNm(xPx, pixelSizeNm),
                LocalisationTable.pxToNm(yPx, pixelSizeNm));
            if (zStack) {
                final double slice = mapping.zToSlice(upsampled.z(i));
                if (!Double.isNaN(zStepNm)) {
                    table.z((slice - centre) * zStepNm);
                }
                table.amplitude(amp).extra(AMPLITUDE_RAW, amp * normMax).extra(Z_SLICE, slice);
            } else {
                table.amplitude(amp).extra(AMPLITUDE_RAW, amp * normMax);
            }
        }
    }
}
