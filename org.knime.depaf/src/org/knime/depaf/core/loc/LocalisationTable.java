package org.knime.depaf.core.loc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The one emitter table every package shares: localisations or ground-truth emitters, one row each.
 *
 * <p><b>Columns.</b> One primitive array per column. Always present: {@link Column#FRAME} (1-based, ≥ 1),
 * {@link Column#X} and {@link Column#Y} (nm, finite). Optional (a table either has the column or not, see
 * {@link #has(Column)}): {@link Column#Z} (nm), {@link Column#INTENSITY} (photons of the emitter in that frame),
 * {@link Column#AMPLITUDE} (DEPAF's normalised peak height, no unit), {@link Column#UNCERTAINTY} (lateral
 * localisation uncertainty, nm), {@link Column#BACKGROUND} (background per pixel at the emitter, photons),
 * {@link Column#SIGMA} (PSF width, nm), {@link Column#CHANNEL} and {@link Column#ID} (integers). Reading an
 * absent double column gives NaN, an absent integer column {@link #MISSING_INT}; a present column may also hold
 * NaN / {@link #MISSING_INT} for single rows. Besides these, a table may carry named "extra" double columns
 * (e.g. ThunderSTORM's {@code chi2}) so that files round-trip.
 *
 * <p><b>Units and coordinates.</b> Positions are in nm with the origin at the top-left corner of the first
 * camera pixel, so the centre of pixel column {@code i} is at {@code (i + 0.5) · pixelSizeNm} (ThunderSTORM's
 * convention). The table carries the camera pixel size it was made with ({@link #pixelSizeNm()}, NaN when
 * unknown); the pixel views {@link #xPx(int)} / {@link #yPx(int)} fail when it is unknown.
 *
 * <p><b>Frames.</b> Rows need not be sorted; {@link #frameIndex()} gives fast per-frame access (built once, in
 * time and memory that depend on the number of rows only, never on how large the frame numbers are),
 * {@link #sortedByFrame()} a sorted copy.
 *
 * <p>Instances are immutable and thread-safe; every operation returns a new table. Accessors returning arrays
 * return copies; the per-row accessors are the fast path.
 */
public final class LocalisationTable {

    /** The value of an integer column ({@link Column#CHANNEL}, {@link Column#ID}) that is absent or unknown. */
    public static final int MISSING_INT = -1;

    /** The standard columns. */
    public enum Column {
        /** Frame number, 1-based, int. Always present. */
        FRAME(true),
        /** x in nm. Always present. */
        X(false),
        /** y in nm. Always present. */
        Y(false),
        /** z in nm (0 = focal plane). */
        Z(false),
        /** Photons of the emitter in this frame. */
        INTENSITY(false),
        /** Normalised peak height (DEPAF amplitude), no unit. */
        AMPLITUDE(false),
        /** Lateral localisation uncertainty in nm. */
        UNCERTAINTY(false),
        /** Background per pixel at the emitter, photons. */
        BACKGROUND(false),
        /** PSF standard deviation in nm. */
        SIGMA(false),
        /** Channel (e.g. colour or bit), int ≥ 0. */
        CHANNEL(true),
        /** Emitter or localisation id, int. */
        ID(true);

        private final boolean integer;

        Column(final boolean integer) {
            this.integer = integer;
        }

        /** @return whether the column holds integers (int[]) rather than doubles */
        public boolean isInteger() {
            return integer;
        }

        /** @return whether every table has this column */
        public boolean isRequired() {
            return this == FRAME || this == X || this == Y;
        }
    }

    private static final Column[] OPTIONAL_DOUBLE = {Column.Z, Column.INTENSITY, Column.AMPLITUDE,
        Column.UNCERTAINTY, Column.BACKGROUND, Column.SIGMA};

    private final int size;
    private final int[] frame;
    private final double[] x;
    private final double[] y;
    /** Optional double columns by kind; absent columns are not in the map. */
    private final EnumMap<Column, double[]> doubles;
    private final int[] channel;
    private final int[] id;
    private final Map<String, double[]> extras;
    private final double pixelSizeNm;

    private volatile FrameIndex frameIndex;

    /** Takes ownership of the arrays (no copies); every public path passes fresh arrays. */
    private LocalisationTable(final int[] frame, final double[] x, final double[] y,
        final EnumMap<Column, double[]> doubles, final int[] channel, final int[] id,
        final Map<String, double[]> extras, final double pixelSizeNm) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        this.size = frame.length;
        if (x.length != size || y.length != size) {
            throw new IllegalArgumentException("Localisation table columns must have equal lengths: frame "
                + size + ", x " + x.length + ", y " + y.length);
        }
        for (final Map.Entry<Column, double[]> e : doubles.entrySet()) {
            checkLength(e.getKey().name().toLowerCase(), e.getValue().length);
        }
        if (channel != null) {
            checkLength("channel", channel.length);
        }
        if (id != null) {
            checkLength("id", id.length);
        }
        for (final Map.Entry<String, double[]> e : extras.entrySet()) {
            checkLength("extra column '" + e.getKey() + "'", e.getValue().length);
        }
        if (!(Double.isNaN(pixelSizeNm) || pixelSizeNm > 0 && Double.isFinite(pixelSizeNm))) {
            throw new IllegalArgumentException("Localisation table pixel size must be a positive number of nm or "
                + "NaN (unknown), got " + pixelSizeNm);
        }
        for (int i = 0; i < size; i++) {
            if (frame[i] < 1) {
                throw new IllegalArgumentException("Localisation table row " + i + ": frame must be ≥ 1 (frames are "
                    + "1-based), got " + frame[i]);
            }
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Localisation table row " + i + " (frame " + frame[i]
                    + "): x and y must be finite numbers of nm, got (" + x[i] + ", " + y[i] + ")");
            }
        }
        this.frame = frame;
        this.x = x;
        this.y = y;
        this.doubles = doubles;
        this.channel = channel;
        this.id = id;
        this.extras = Collections.unmodifiableMap(extras);
        this.pixelSizeNm = pixelSizeNm;
    }

    private void checkLength(final String what, final int length) {
        if (length != size) {
            throw new IllegalArgumentException("Localisation table column " + what + " has " + length
                + " values, expected " + size + " (one per row)");
        }
    }

    // ---------------------------------------------------------------- factories

    /**
     * A table with only the required columns (arrays copied).
     *
     * @param pixelSizeNm camera pixel size in nm, NaN when unknown
     * @param frames 1-based frame numbers
     * @param xNm x in nm
     * @param yNm y in nm
     */
    public static LocalisationTable of(final double pixelSizeNm, final int[] frames, final double[] xNm,
        final double[] yNm) {
        return new LocalisationTable(frames.clone(), xNm.clone(), yNm.clone(), new EnumMap<>(Column.class), null,
            null, new LinkedHashMap<>(), pixelSizeNm);
    }

    /**
     * A table from 0-based pixel coordinates (pixel centres at integers), converted with
     * {@code x_nm = (x_px + 0.5) · pixelSizeNm}.
     *
     * @param pixelSizeNm camera pixel size in nm, must be known
     */
    public static LocalisationTable fromPixels(final double pixelSizeNm, final int[] frames, final double[] xPx,
        final double[] yPx) {
        requirePixelSize(pixelSizeNm);
        if (xPx.length != yPx.length) {
            throw new IllegalArgumentException("x and y pixel coordinates must have equal lengths, got "
                + xPx.length + " and " + yPx.length);
        }
        final double[] xn = new double[xPx.length];
        final double[] yn = new double[yPx.length];
        for (int i = 0; i < xn.length; i++) {
            xn[i] = pxToNm(xPx[i], pixelSizeNm);
            yn[i] = pxToNm(yPx[i], pixelSizeNm);
        }
        return new LocalisationTable(frames.clone(), xn, yn, new EnumMap<>(Column.class), null, null,
            new LinkedHashMap<>(), pixelSizeNm);
    }

    /** @return an empty table */
    public static LocalisationTable empty(final double pixelSizeNm) {
        return of(pixelSizeNm, new int[0], new double[0], new double[0]);
    }

    /** @return a builder for a table with the given camera pixel size (nm, NaN when unknown) */
    public static Builder builder(final double pixelSizeNm) {
        return new Builder(pixelSizeNm);
    }

    /** Converts a 0-based pixel coordinate (pixel centres at integers) to nm. */
    public static double pxToNm(final double px, final double pixelSizeNm) {
        return (px + 0.5) * pixelSizeNm;
    }

    /** Converts nm to a 0-based pixel coordinate (pixel centres at integers). */
    public static double nmToPx(final double nm, final double pixelSizeNm) {
        return nm / pixelSizeNm - 0.5;
    }

    private static void requirePixelSize(final double pixelSizeNm) {
        if (!(pixelSizeNm > 0 && Double.isFinite(pixelSizeNm))) {
            throw new IllegalStateException("The pixel size is unknown (" + pixelSizeNm + " nm): pixel coordinates "
                + "need a positive pixel size in nm");
        }
    }

    // ---------------------------------------------------------------- per-row access

    /** @return number of rows */
    public int size() {
        return size;
    }

    /** @return whether the table has no rows */
    public boolean isEmpty() {
        return size == 0;
    }

    /** @return camera pixel size in nm, NaN when unknown */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** @return whether the table has the column (required columns always) */
    public boolean has(final Column c) {
        switch (c) {
            case FRAME:
            case X:
            case Y:
                return true;
            case CHANNEL:
                return channel != null;
            case ID:
                return id != null;
            default:
                return doubles.containsKey(c);
        }
    }

    /** @return 1-based frame of row i */
    public int frame(final int i) {
        return frame[i];
    }

    /** @return x of row i in nm */
    public double x(final int i) {
        return x[i];
    }

    /** @return y of row i in nm */
    public double y(final int i) {
        return y[i];
    }

    /** @return z of row i in nm, NaN when absent */
    public double z(final int i) {
        return get(Column.Z, i);
    }

    /** @return photons of row i, NaN when absent */
    public double intensity(final int i) {
        return get(Column.INTENSITY, i);
    }

    /** @return normalised amplitude of row i, NaN when absent */
    public double amplitude(final int i) {
        return get(Column.AMPLITUDE, i);
    }

    /** @return lateral uncertainty of row i in nm, NaN when absent */
    public double uncertainty(final int i) {
        return get(Column.UNCERTAINTY, i);
    }

    /** @return background per pixel of row i in photons, NaN when absent */
    public double background(final int i) {
        return get(Column.BACKGROUND, i);
    }

    /** @return PSF sigma of row i in nm, NaN when absent */
    public double sigma(final int i) {
        return get(Column.SIGMA, i);
    }

    /** @return channel of row i, {@link #MISSING_INT} when absent */
    public int channel(final int i) {
        Objects.checkIndex(i, size);
        return channel == null ? MISSING_INT : channel[i];
    }

    /** @return id of row i, {@link #MISSING_INT} when absent */
    public int id(final int i) {
        Objects.checkIndex(i, size);
        return id == null ? MISSING_INT : id[i];
    }

    /** @return value of an optional double column at row i, NaN when the column is absent */
    public double get(final Column c, final int i) {
        if (c == Column.X) {
            return x[i];
        }
        if (c == Column.Y) {
            return y[i];
        }
        if (c.isInteger()) {
            throw new IllegalArgumentException("Column " + c + " holds integers; use frame(i), channel(i) or id(i)");
        }
        final double[] col = doubles.get(c);
        Objects.checkIndex(i, size);
        return col == null ? Double.NaN : col[i];
    }

    /** @return x of row i in 0-based pixels; fails when the pixel size is unknown */
    public double xPx(final int i) {
        requirePixelSize(pixelSizeNm);
        return nmToPx(x[i], pixelSizeNm);
    }

    /** @return y of row i in 0-based pixels; fails when the pixel size is unknown */
    public double yPx(final int i) {
        requirePixelSize(pixelSizeNm);
        return nmToPx(y[i], pixelSizeNm);
    }

    /** @return names of the extra columns, in order */
    public List<String> extraColumnNames() {
        return new ArrayList<>(extras.keySet());
    }

    /** @return value of extra column {@code name} at row i, NaN when the table has no such column */
    public double extra(final String name, final int i) {
        final double[] col = extras.get(name);
        Objects.checkIndex(i, size);
        return col == null ? Double.NaN : col[i];
    }

    // ---------------------------------------------------------------- whole columns (copies)

    /** @return a copy of the frame column */
    public int[] frames() {
        return frame.clone();
    }

    /** @return a copy of an integer column ({@link Column#FRAME}, {@link Column#CHANNEL}, {@link Column#ID}),
     *         filled with {@link #MISSING_INT} when absent */
    public int[] intColumn(final Column c) {
        switch (c) {
            case FRAME:
                return frame.clone();
            case CHANNEL:
                return channel == null ? filled(MISSING_INT) : channel.clone();
            case ID:
                return id == null ? filled(MISSING_INT) : id.clone();
            default:
                throw new IllegalArgumentException("Column " + c + " holds doubles; use column(" + c + ")");
        }
    }

    /** @return a copy of a double column, filled with NaN when absent */
    public double[] column(final Column c) {
        if (c == Column.X) {
            return x.clone();
        }
        if (c == Column.Y) {
            return y.clone();
        }
        if (c.isInteger()) {
            throw new IllegalArgumentException("Column " + c + " holds integers; use intColumn(" + c + ")");
        }
        final double[] col = doubles.get(c);
        if (col == null) {
            final double[] out = new double[size];
            Arrays.fill(out, Double.NaN);
            return out;
        }
        return col.clone();
    }

    /** @return a copy of an extra column, or null when the table has none of that name */
    public double[] extraColumn(final String name) {
        final double[] col = extras.get(name);
        return col == null ? null : col.clone();
    }

    private int[] filled(final int v) {
        final int[] out = new int[size];
        Arrays.fill(out, v);
        return out;
    }

    // ---------------------------------------------------------------- derived tables

    /**
     * @param c an optional column (not X, Y or FRAME)
     * @param values one value per row (copied); for integer columns the values must be whole numbers
     * @return this table with the column added or replaced
     */
    public LocalisationTable withColumn(final Column c, final double[] values) {
        if (c.isRequired()) {
            throw new IllegalArgumentException("Column " + c + " is required and cannot be replaced");
        }
        checkLength(c.name().toLowerCase(), values.length);
        final EnumMap<Column, double[]> d = copyDoubles();
        int[] ch = channel;
        int[] ids = id;
        if (c.isInteger()) {
            final int[] ints = new int[size];
            for (int i = 0; i < size; i++) {
                ints[i] = Double.isNaN(values[i]) ? MISSING_INT : (int)values[i];
                if (!Double.isNaN(values[i]) && ints[i] != values[i]) {
                    throw new IllegalArgumentException("Column " + c + " holds integers, row " + i + " is "
                        + values[i]);
                }
            }
            if (c == Column.CHANNEL) {
                ch = ints;
            } else {
                ids = ints;
            }
        } else {
            d.put(c, values.clone());
        }
        return new LocalisationTable(frame, x, y, d, ch, ids, new LinkedHashMap<>(extras), pixelSizeNm);
    }

    /** @return this table with an integer column ({@link Column#CHANNEL} or {@link Column#ID}) set (copied) */
    public LocalisationTable withIntColumn(final Column c, final int[] values) {
        if (c != Column.CHANNEL && c != Column.ID) {
            throw new IllegalArgumentException("Only CHANNEL and ID can be set as integer columns, got " + c);
        }
        checkLength(c.name().toLowerCase(), values.length);
        return new LocalisationTable(frame, x, y, copyDoubles(), c == Column.CHANNEL ? values.clone() : channel,
            c == Column.ID ? values.clone() : id, new LinkedHashMap<>(extras), pixelSizeNm);
    }

    /** @return this table without an optional column */
    public LocalisationTable without(final Column c) {
        if (c.isRequired()) {
            throw new IllegalArgumentException("Column " + c + " is required and cannot be removed");
        }
        final EnumMap<Column, double[]> d = copyDoubles();
        d.remove(c);
        return new LocalisationTable(frame, x, y, d, c == Column.CHANNEL ? null : channel, c == Column.ID ? null : id,
            new LinkedHashMap<>(extras), pixelSizeNm);
    }

    /**
     * @param xNm new x of every row, nm (copied)
     * @param yNm new y of every row, nm (copied)
     * @return this table with the positions replaced, every other column kept (e.g. after refining the positions)
     */
    public LocalisationTable withPositions(final double[] xNm, final double[] yNm) {
        checkLength("x", xNm.length);
        checkLength("y", yNm.length);
        return new LocalisationTable(frame, xNm.clone(), yNm.clone(), copyDoubles(), channel, id,
            new LinkedHashMap<>(extras), pixelSizeNm);
    }

    /** @return this table with an extra named double column added or replaced (copied) */
    public LocalisationTable withExtra(final String name, final double[] values) {
        Objects.requireNonNull(name, "name");
        checkLength("extra column '" + name + "'", values.length);
        final Map<String, double[]> e = new LinkedHashMap<>(extras);
        e.put(name, values.clone());
        return new LocalisationTable(frame, x, y, copyDoubles(), channel, id, e, pixelSizeNm);
    }

    /** @return the same rows with another pixel size (nm, NaN when unknown); positions in nm are unchanged */
    public LocalisationTable withPixelSize(final double nm) {
        return new LocalisationTable(frame, x, y, copyDoubles(), channel, id, new LinkedHashMap<>(extras), nm);
    }

    private EnumMap<Column, double[]> copyDoubles() {
        // arrays are never mutated after construction, so tables may share them
        return new EnumMap<>(doubles);
    }

    /**
     * @param rows row indices, in the order wanted (repeats allowed)
     * @return a new table of those rows
     */
    public LocalisationTable subset(final int[] rows) {
        final int n = rows.length;
        for (final int r : rows) {
            Objects.checkIndex(r, size);
        }
        final int[] f = new int[n];
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            f[k] = frame[rows[k]];
            xs[k] = x[rows[k]];
            ys[k] = y[rows[k]];
        }
        final EnumMap<Column, double[]> d = new EnumMap<>(Column.class);
        for (final Map.Entry<Column, double[]> e : doubles.entrySet()) {
            d.put(e.getKey(), pick(e.getValue(), rows));
        }
        final Map<String, double[]> ex = new LinkedHashMap<>();
        for (final Map.Entry<String, double[]> e : extras.entrySet()) {
            ex.put(e.getKey(), pick(e.getValue(), rows));
        }
        return new LocalisationTable(f, xs, ys, d, channel == null ? null : pick(channel, rows),
            id == null ? null : pick(id, rows), ex, pixelSizeNm);
    }

    /** @return a new table of the rows (in order) whose index satisfies {@code keep} */
    public LocalisationTable filter(final IntPredicate keep) {
        final int[] rows = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (keep.test(i)) {
                rows[n++] = i;
            }
        }
        return subset(Arrays.copyOf(rows, n));
    }

    /** @return the rows of one frame (1-based), in table order */
    public LocalisationTable frameTable(final int oneBasedFrame) {
        return subset(frameIndex().rows(oneBasedFrame));
    }

    /** @return a copy sorted by frame; stable (rows of one frame keep their order) */
    public LocalisationTable sortedByFrame() {
        return subset(frameIndex().order());
    }

    /** @return whether rows are in non-decreasing frame order */
    public boolean isSortedByFrame() {
        return FrameIndex.isNonDecreasing(frame);
    }

    /**
     * Concatenates tables, rows in order. A column present in any table is present in the result (NaN /
     * {@link #MISSING_INT} for rows of tables without it). The pixel sizes must agree (NaN counts as unknown and
     * agrees with anything).
     *
     * @throws IllegalArgumentException if two tables have different known pixel sizes
     */
    public static LocalisationTable concat(final List<LocalisationTable> tables) {
        double px = Double.NaN;
        int n = 0;
        boolean hasChannel = false;
        boolean hasId = false;
        final EnumMap<Column, double[]> d = new EnumMap<>(Column.class);
        final Map<String, double[]> ex = new LinkedHashMap<>();
        for (final LocalisationTable t : tables) {
            if (!Double.isNaN(t.pixelSizeNm)) {
                if (!Double.isNaN(px) && px != t.pixelSizeNm) {
                    throw new IllegalArgumentException("Cannot concatenate localisation tables with pixel sizes " + px
                        + " nm and " + t.pixelSizeNm + " nm");
                }
                px = t.pixelSizeNm;
            }
            n += t.size;
            hasChannel |= t.channel != null;
            hasId |= t.id != null;
            for (final Column c : t.doubles.keySet()) {
                d.put(c, null);
            }
            for (final String name : t.extras.keySet()) {
                ex.put(name, null);
            }
        }
        final int[] f = new int[n];
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        d.replaceAll((c, v) -> new double[f.length]);
        ex.replaceAll((c, v) -> new double[f.length]);
        final int[] ch = hasChannel ? new int[n] : null;
        final int[] ids = hasId ? new int[n] : null;
        int off = 0;
        for (final LocalisationTable t : tables) {
            System.arraycopy(t.frame, 0, f, off, t.size);
            System.arraycopy(t.x, 0, xs, off, t.size);
            System.arraycopy(t.y, 0, ys, off, t.size);
            for (final Map.Entry<Column, double[]> e : d.entrySet()) {
                copyOrFill(t.doubles.get(e.getKey()), e.getValue(), off, t.size);
            }
            for (final Map.Entry<String, double[]> e : ex.entrySet()) {
                copyOrFill(t.extras.get(e.getKey()), e.getValue(), off, t.size);
            }
            copyOrFill(t.channel, ch, off, t.size);
            copyOrFill(t.id, ids, off, t.size);
            off += t.size;
        }
        return new LocalisationTable(f, xs, ys, d, ch, ids, ex, px);
    }

    /** @see #concat(List) */
    public static LocalisationTable concat(final LocalisationTable... tables) {
        return concat(Arrays.asList(tables));
    }

    private static void copyOrFill(final double[] src, final double[] dst, final int off, final int n) {
        if (src == null) {
            Arrays.fill(dst, off, off + n, Double.NaN);
        } else {
            System.arraycopy(src, 0, dst, off, n);
        }
    }

    private static void copyOrFill(final int[] src, final int[] dst, final int off, final int n) {
        if (dst == null) {
            return;
        }
        if (src == null) {
            Arrays.fill(dst, off, off + n, MISSING_INT);
        } else {
            System.arraycopy(src, 0, dst, off, n);
        }
    }

    private static double[] pick(final double[] src, final int[] rows) {
        final double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = src[rows[k]];
        }
        return out;
    }

    private static int[] pick(final int[] src, final int[] rows) {
        final int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = src[rows[k]];
        }
        return out;
    }

    // ---------------------------------------------------------------- per-frame index

    /**
     * @return the per-frame index of this table (built on first use in O(rows · log rows), then cached)
     */
    public FrameIndex frameIndex() {
        FrameIndex fi = frameIndex;
        if (fi == null) {
            fi = new FrameIndex(frame);
            frameIndex = fi;
        }
        return fi;
    }

    /** @return the largest frame number, 0 when empty */
    public int maxFrame() {
        return frameIndex().maxFrame();
    }

    /**
     * Rows grouped by frame: the distinct frames that occur, ascending, each with its rows in table order.
     *
     * <p>Only frames that occur are indexed, so memory and time depend on the number of rows and never on the
     * frame numbers: a table with one row at frame 2 000 000 000 is as cheap as one with a row at frame 1. Loop
     * over {@link #frameCount()} and {@link #frameAt(int)} rather than from 1 to {@link #maxFrame()}. Immutable
     * and thread-safe.
     */
    public static final class FrameIndex {
        /** The distinct frame numbers, ascending. */
        private final int[] frames;
        /** starts[i] = position in {@link #order} of the first row of frames[i]; length frames.length + 1. */
        private final int[] starts;
        /** Row indices sorted by frame, stable. */
        private final int[] order;

        FrameIndex(final int[] frame) {
            final int n = frame.length;
            order = new int[n];
            if (isNonDecreasing(frame)) {
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
            } else {
                // frame in the high half, row in the low half: sorting the keys sorts stably by frame
                final long[] keys = new long[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = (long)frame[i] << 32 | i;
                }
                Arrays.sort(keys);
                for (int i = 0; i < n; i++) {
                    order[i] = (int)keys[i];
                }
            }
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                if (k == 0 || frame[order[k]] != frame[order[k - 1]]) {
                    distinct++;
                }
            }
            frames = new int[distinct];
            starts = new int[distinct + 1];
            int d = 0;
            for (int k = 0; k < n; k++) {
                if (k == 0 || frame[order[k]] != frame[order[k - 1]]) {
                    frames[d] = frame[order[k]];
                    starts[d] = k;
                    d++;
                }
            }
            starts[distinct] = n;
        }

        private static boolean isNonDecreasing(final int[] frame) {
            for (int i = 1; i < frame.length; i++) {
                if (frame[i] < frame[i - 1]) {
                    return false;
                }
            }
            return true;
        }

        /** @return the largest frame number present, 0 for an empty table */
        public int maxFrame() {
            return frames.length == 0 ? 0 : frames[frames.length - 1];
        }

        /** @return the number of distinct frames that have rows */
        public int frameCount() {
            return frames.length;
        }

        /** @return the i-th frame that has rows (0-based i, frames ascending) */
        public int frameAt(final int i) {
            return frames[Objects.checkIndex(i, frames.length)];
        }

        /** @return the frames that have rows, ascending (a new array) */
        public int[] framesPresent() {
            return frames.clone();
        }

        /** @return number of rows in a 1-based frame (0 for frames without rows) */
        public int count(final int oneBasedFrame) {
            final int i = Arrays.binarySearch(frames, oneBasedFrame);
            return i < 0 ? 0 : starts[i + 1] - starts[i];
        }

        /** @return the row index of the k-th row (0-based, table order) of a 1-based frame */
        public int row(final int oneBasedFrame, final int k) {
            final int i = Arrays.binarySearch(frames, oneBasedFrame);
            Objects.checkIndex(k, i < 0 ? 0 : starts[i + 1] - starts[i]);
            return order[starts[i] + k];
        }

        /** @return the row indices of a 1-based frame, in table order (a new array) */
        public int[] rows(final int oneBasedFrame) {
            final int i = Arrays.binarySearch(frames, oneBasedFrame);
            return i < 0 ? new int[0] : Arrays.copyOfRange(order, starts[i], starts[i + 1]);
        }

        /** @return all row indices sorted by frame (stable), a new array */
        public int[] order() {
            return order.clone();
        }

        /**
         * @param a one index
         * @param b another index
         * @return the frames that have rows in either index, ascending, each once
         */
        public static int[] union(final FrameIndex a, final FrameIndex b) {
            final int[] out = new int[a.frames.length + b.frames.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < a.frames.length || j < b.frames.length) {
                final int f;
                if (j == b.frames.length || i < a.frames.length && a.frames[i] < b.frames[j]) {
                    f = a.frames[i++];
                } else if (i == a.frames.length || b.frames[j] < a.frames[i]) {
                    f = b.frames[j++];
                } else {
                    f = a.frames[i++];
                    j++;
                }
                out[n++] = f;
            }
            return Arrays.copyOf(out, n);
        }
    }

    // ---------------------------------------------------------------- value semantics

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LocalisationTable)) {
            return false;
        }
        final LocalisationTable t = (LocalisationTable)o;
        if (size != t.size || Double.compare(pixelSizeNm, t.pixelSizeNm) != 0 || !Arrays.equals(frame, t.frame)
            || !Arrays.equals(x, t.x) || !Arrays.equals(y, t.y) || !Arrays.equals(channel, t.channel)
            || !Arrays.equals(id, t.id) || !doubles.keySet().equals(t.doubles.keySet())
            || !extras.keySet().equals(t.extras.keySet())) {
            return false;
        }
        for (final Column c : doubles.keySet()) {
            if (!Arrays.equals(doubles.get(c), t.doubles.get(c))) {
                return false;
            }
        }
        for (final String name : extras.keySet()) {
            if (!Arrays.equals(extras.get(name), t.extras.get(name))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(frame), Arrays.hashCode(x), Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("LocalisationTable[").append(size).append(" rows, columns frame, x, y");
        for (final Column c : OPTIONAL_DOUBLE) {
            if (doubles.containsKey(c)) {
                sb.append(", ").append(c.name().toLowerCase());
            }
        }
        if (channel != null) {
            sb.append(", channel");
        }
        if (id != null) {
            sb.append(", id");
        }
        for (final String e : extras.keySet()) {
            sb.append(", ").append(e);
        }
        return sb.append("; pixel ").append(pixelSizeNm).append(" nm]").toString();
    }

    // ---------------------------------------------------------------- builder

    /**
     * Builds a table row by row: {@link #add(int, double, double)} starts a row, the column setters set values
     * of that (the last) row. A column set for any row is present in the table; rows that did not set it get
     * NaN (or {@link LocalisationTable#MISSING_INT}). Not thread-safe.
     */
    public static final class Builder {
        private final double pixelSizeNm;
        private int n;
        private int[] frame = new int[16];
        private double[] x = new double[16];
        private double[] y = new double[16];
        private final EnumMap<Column, double[]> doubles = new EnumMap<>(Column.class);
        private int[] channel;
        private int[] id;
        private final Map<String, double[]> extras = new LinkedHashMap<>();

        Builder(final double pixelSizeNm) {
            this.pixelSizeNm = pixelSizeNm;
        }

        /** Starts a new row at (x, y) nm in a 1-based frame. */
        public Builder add(final int oneBasedFrame, final double xNm, final double yNm) {
            if (n == frame.length) {
                final int cap = Math.max(16, n + (n >> 1));
                frame = Arrays.copyOf(frame, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                for (final Map.Entry<Column, double[]> e : doubles.entrySet()) {
                    e.setValue(grow(e.getValue(), cap, n));
                }
                for (final Map.Entry<String, double[]> e : extras.entrySet()) {
                    e.setValue(grow(e.getValue(), cap, n));
                }
                channel = channel == null ? null : growInt(channel, cap, n);
                id = id == null ? null : growInt(id, cap, n);
            }
            frame[n] = oneBasedFrame;
            x[n] = xNm;
            y[n] = yNm;
            n++;
            return this;
        }

        /** Starts a new row at 0-based pixel coordinates (converted with the builder's pixel size). */
        public Builder addPx(final int oneBasedFrame, final double xPx, final double yPx) {
            requirePixelSize(pixelSizeNm);
            return add(oneBasedFrame, pxToNm(xPx, pixelSizeNm), pxToNm(yPx, pixelSizeNm));
        }

        private static double[] grow(final double[] a, final int cap, final int n) {
            final double[] out = Arrays.copyOf(a, cap);
            Arrays.fill(out, n, cap, Double.NaN);
            return out;
        }

        private static int[] growInt(final int[] a, final int cap, final int n) {
            final int[] out = Arrays.copyOf(a, cap);
            Arrays.fill(out, n, cap, MISSING_INT);
            return out;
        }

        private void requireRow(final String what) {
            if (n == 0) {
                throw new IllegalStateException("Set " + what + " after add(frame, x, y): there is no row yet");
            }
        }

        /** Sets an optional double column of the last row. */
        public Builder set(final Column c, final double v) {
            requireRow(c.name().toLowerCase());
            if (c.isRequired() || c.isInteger()) {
                throw new IllegalArgumentException("set(" + c + ", v) is for optional double columns; use add(...), "
                    + "channel(int) or id(int)");
            }
            doubles.computeIfAbsent(c, k -> newNaN(frame.length))[n - 1] = v;
            return this;
        }

        private static double[] newNaN(final int cap) {
            final double[] a = new double[cap];
            Arrays.fill(a, Double.NaN);
            return a;
        }

        /** z of the last row, nm. */
        public Builder z(final double nm) {
            return set(Column.Z, nm);
        }

        /** Photons of the last row. */
        public Builder intensity(final double photons) {
            return set(Column.INTENSITY, photons);
        }

        /** Normalised amplitude of the last row. */
        public Builder amplitude(final double a) {
            return set(Column.AMPLITUDE, a);
        }

        /** Lateral uncertainty of the last row, nm. */
        public Builder uncertainty(final double nm) {
            return set(Column.UNCERTAINTY, nm);
        }

        /** Background per pixel of the last row, photons. */
        public Builder background(final double photons) {
            return set(Column.BACKGROUND, photons);
        }

        /** PSF sigma of the last row, nm. */
        public Builder sigma(final double nm) {
            return set(Column.SIGMA, nm);
        }

        /** Channel of the last row. */
        public Builder channel(final int c) {
            requireRow("channel");
            if (channel == null) {
                channel = new int[frame.length];
                Arrays.fill(channel, MISSING_INT);
            }
            channel[n - 1] = c;
            return this;
        }

        /** Id of the last row. */
        public Builder id(final int i) {
            requireRow("id");
            if (id == null) {
                id = new int[frame.length];
                Arrays.fill(id, MISSING_INT);
            }
            id[n - 1] = i;
            return this;
        }

        /** Value of an extra named column for the last row. */
        public Builder extra(final String name, final double v) {
            requireRow("extra column '" + name + "'");
            Objects.requireNonNull(name, "name");
            extras.computeIfAbsent(name, k -> newNaN(frame.length))[n - 1] = v;
            return this;
        }

        /** @return number of rows added so far */
        public int size() {
            return n;
        }

        /** @return the table; the builder may be used further (the table does not share its arrays) */
        public LocalisationTable build() {
            final EnumMap<Column, double[]> d = new EnumMap<>(Column.class);
            for (final Map.Entry<Column, double[]> e : doubles.entrySet()) {
                d.put(e.getKey(), Arrays.copyOf(e.getValue(), n));
            }
            final Map<String, double[]> ex = new LinkedHashMap<>();
            for (final Map.Entry<String, double[]> e : extras.entrySet()) {
                ex.put(e.getKey(), Arrays.copyOf(e.getValue(), n));
            }
            return new LocalisationTable(Arrays.copyOf(frame, n), Arrays.copyOf(x, n), Arrays.copyOf(y, n), d,
                channel == null ? null : Arrays.copyOf(channel, n), id == null ? null : Arrays.copyOf(id, n), ex,
                pixelSizeNm);
        }
    }
}
