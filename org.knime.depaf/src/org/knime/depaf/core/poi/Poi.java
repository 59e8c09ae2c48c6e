package org.knime.depaf.core.poi;

import java.util.Objects;

/**
 * A pattern of interest: the shape DEPAF fits to the data, as {@code channels} slices of {@code height × width}.
 *
 * <p>Values are stored channel after channel, each slice row after row (index
 * {@code (c * height + y) * width + x}). A 2-D PSF has one channel; a z-stack of PSFs has one channel per
 * z-slice, ordered, with the slice spacing in {@link #zStepNm()}; a 1-D pattern (a spike kernel) has width 1.
 * Instances are immutable; {@link #values()} returns a copy, {@link #slice(int)} too.
 */
public final class Poi {

    /** What the channels of a POI mean. */
    public enum Kind {
        /** One 2-D pattern (e.g. a PSF). */
        PATTERN_2D,
        /** An ordered z-stack of 2-D patterns; the channel index is a coordinate (z). */
        Z_STACK,
        /** A 1-D temporal pattern (e.g. a calcium spike), height = length, width 1. */
        TRACE_1D
    }

    /**
     * The most values (slices × height × width) a POI may have, before and after preprocessing: a 4096 × 4096
     * pattern, far beyond any PSF, spike kernel or bead z-stack, and small enough that preprocessing it (a few
     * copies in double precision) stays within a few hundred MB.
     */
    public static final int MAX_VALUES = 1 << 24;

    private final float[] values;
    private final int channels;
    private final int height;
    private final int width;
    private final Kind kind;
    private final double pixelSizeNm;
    private final double zStepNm;
    private final String source;
    private final ZRefinement zRefinement;

    /**
     * @param values channel-major, row-major values, length channels·height·width (copied)
     * @param channels number of slices, ≥ 1
     * @param height slice height in pixels, ≥ 1
     * @param width slice width in pixels, ≥ 1
     * @param kind what the channels mean
     * @param pixelSizeNm lateral pixel size in nm, NaN if unknown
     * @param zStepNm z spacing of the slices in nm for a z-stack, NaN otherwise
     * @param source file or generator description, for messages and provenance
     */
    public Poi(final float[] values, final int channels, final int height, final int width, final Kind kind,
        final double pixelSizeNm, final double zStepNm, final String source) {
        this(values, channels, height, width, kind, pixelSizeNm, zStepNm, source, null);
    }

    private Poi(final float[] values, final int channels, final int height, final int width, final Kind kind,
        final double pixelSizeNm, final double zStepNm, final String source, final ZRefinement zRefinement) {
        this.zRefinement = zRefinement;
        this.source = source == null ? "POI" : source;
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(kind, "kind");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(this.source + ": a POI needs at least one slice of at least 1 × 1 "
                + "pixels, got " + channels + " × " + height + " × " + width);
        }
        requireSize(channels, height, width, this.source, "use a smaller pattern (crop it to the spot)");
        if ((long)channels * height * width != values.length) {
            throw new IllegalArgumentException(this.source + ": expected " + ((long)channels * height * width)
                + " values for " + channels + " × " + height + " × " + width + ", got " + values.length);
        }
        if (kind == Kind.TRACE_1D && width != 1) {
            throw new IllegalArgumentException(this.source + ": a 1-D POI must have width 1, got " + width);
        }
        this.values = values.clone();
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kind = kind;
        this.pixelSizeNm = pixelSizeNm;
        this.zStepNm = zStepNm;

    }

    /**
     * Refuses a POI shape with more than {@link #MAX_VALUES} values; call it before allocating one.
     *
     * @param channels slices
     * @param height rows
     * @param width columns
     * @param what the POI or the setting that makes it, for the message
     * @param advice what to change, for the message
     * @throws IllegalArgumentException naming {@code what}, the shape and the limit
     */
    public static void requireSize(final double channels, final double height, final double width,
        final String what, final String advice) {
        final double n = channels * height * width;
        if (n > MAX_VALUES) {
            throw new IllegalArgumentException(what + " would be a POI of " + size(channels) + " × " + size(height)
                + " × " + size(width) + " px, " + size(n) + " values; DEPAF accepts POIs of at most " + MAX_VALUES
                + " values (e.g. 4096 × 4096 px): " + advice);
        }
    }

    private static String size(final double v) {
        return v < 1e15 ? String.format(java.util.Locale.ROOT, "%.0f", v)
            : String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    /** @return a copy of all values, channel-major, row-major */
    public float[] values() {
        return values.clone();
    }

    /** @return a copy of slice {@code c} (0-based), row-major, height·width values */
    public float[] slice(final int c) {
        Objects.checkIndex(c, channels);
        final float[] out = new float[height * width];
        System.arraycopy(values, c * height * width, out, 0, out.length);
        return out;
    }

    /** @return value of slice c at row y, column x (0-based) */
    public float get(final int c, final int y, final int x) {
        return values[(c * height + y) * width + x];
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Kind kind() {
        return kind;
    }

    /** @return lateral pixel size in nm, NaN if unknown */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** @return z spacing between slices in nm, NaN if not a z-stack or unknown */
    public double zStepNm() {
        return zStepNm;
    }

    /** @return file or generator description */
    public String source() {
        return source;
    }

    /**
     * @param refinement how to refine z between this POI's channels (binned z channels), or null
     * @return a copy of this POI with that z refinement
     * @throws IllegalArgumentException if the refinement is for another number of channels
     */
    public Poi withZRefinement(final ZRefinement refinement) {
        if (refinement != null && refinement.channels() != channels) {
            throw new IllegalArgumentException(source + ": z refinement for " + refinement.channels()
                + " channels, but the POI has " + channels);
        }
        return new Poi(values, channels, height, width, kind, pixelSizeNm, zStepNm, source, refinement);
    }

    /**
     * @return how z is refined between channels made of several POI slices ({@link ZChannels}), or null: z is
     *         then the amplitude-weighted channel index
     */
    public ZRefinement zRefinement() {
        return zRefinement;
    }

    /** @return the largest value over all slices */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (final float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public String toString() {
        return source + " [" + kind + ", " + channels + " × " + height + " × " + width + "]";
    }
}
