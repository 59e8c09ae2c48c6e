package org.knime.depaf.core.predict;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.knime.depaf.core.detect.TileGrid;
import org.knime.depaf.core.fit.RefinementOptions;

/**
 * The settings of a prediction run (depaf-method.md §2.3, §12): tiling, frame batching, outputs, threads and the
 * pixel size. Immutable; build with {@link #builder()}.
 *
 * <p><b>Tiling</b> happens on the <em>upsampled</em> grid. Patch size 0 means the default: per axis
 * {@code min(256, upsampled size)} rounded down to a multiple of {@code 2^depth} (the network's size multiple);
 * for 1-D data (width 1) the patch width is 1. Stride 0 means the default {@code ceil(patch/2)}. Sizes given
 * explicitly must be multiples of {@code 2^depth}, at most the upsampled frame size, and the stride between 1
 * and the patch size; {@link #tileGrid} checks this against a frame and names the option in its messages.
 *
 * <p><b>Batch size</b> is the number of frames read, prepared and inferred together (default 8); memory grows
 * with it, not with the stack length.
 *
 * <p><b>Threads</b> is the parallelism of the Java parts (frame preparation, detection, re-synthesis,
 * downsampling); the network engine keeps its own native threads (OMP_NUM_THREADS for oneDNN).
 *
 * <p><b>Pixel size</b> (nm): NaN (the default) takes it from the stack's metadata, else from the POI's
 * (upsampled POI pixel size × r_x); a positive value overrides both. Localisations need it (they are in nm).
 */
public final class PredictionOptions {

    /** Default number of frames per batch (the reference's {@code batchSize}). */
    public static final int DEFAULT_BATCH_SIZE = 8;

    /** Largest default patch side on the upsampled grid (the reference's 256). */
    public static final int DEFAULT_MAX_PATCH = 256;

    private final int patchHeight;
    private final int patchWidth;
    private final int strideY;
    private final int strideX;
    private final int batchSize;
    private final Set<PredictionOutput> outputs;
    private final int threads;
    private final double pixelSizeNm;
    private final RefinementOptions refinement;

    private PredictionOptions(final Builder b) {
        requireNonNegative(b.patchHeight, "patch height");
        requireNonNegative(b.patchWidth, "patch width");
        requireNonNegative(b.strideY, "patch stride along y");
        requireNonNegative(b.strideX, "patch stride along x");
        if (b.batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 frame, got " + b.batchSize);
        }
        if (b.threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + b.threads);
        }
        if (b.outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: choose at least one of " + EnumSet.allOf(
                PredictionOutput.class));
        }
        if (!(Double.isNaN(b.pixelSizeNm) || b.pixelSizeNm > 0 && Double.isFinite(b.pixelSizeNm))) {
            throw new IllegalArgumentException("pixel size must be a positive number of nm, or NaN to take it from "
                + "the stack or the POI, got " + b.pixelSizeNm);
        }
        if (b.strideY > 0 && b.patchHeight > 0 && b.strideY > b.patchHeight) {
            throw new IllegalArgumentException("patch stride along y (" + b.strideY
                + ") must not exceed the patch height (" + b.patchHeight + ")");
        }
        if (b.strideX > 0 && b.patchWidth > 0 && b.strideX > b.patchWidth) {
            throw new IllegalArgumentException("patch stride along x (" + b.strideX
                + ") must not exceed the patch width (" + b.patchWidth + ")");
        }
        patchHeight = b.patchHeight;
        patchWidth = b.patchWidth;
        strideY = b.strideY;
        strideX = b.strideX;
        batchSize = b.batchSize;
        outputs = Collections.unmodifiableSet(EnumSet.copyOf(b.outputs));
        threads = b.threads;
        pixelSizeNm = b.pixelSizeNm;
        refinement = b.refinement;
    }

    private static void requireNonNegative(final int v, final String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be a positive number of pixels, or 0 for the default, "
                + "got " + v);
        }
    }

    /** @return options with every default: localisations only */
    public static PredictionOptions defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        final Builder b = new Builder();
        b.patchHeight = patchHeight;
        b.patchWidth = patchWidth;
        b.strideY = strideY;
        b.strideX = strideX;
        b.batchSize = batchSize;
        b.outputs = EnumSet.copyOf(outputs);
        b.threads = threads;
        b.pixelSizeNm = pixelSizeNm;
        b.refinement = refinement;
        return b;
    }

    /** @return requested patch height on the upsampled grid, 0 for the default */
    public int patchHeight() {
        return patchHeight;
    }

    /** @return requested patch width on the upsampled grid, 0 for the default */
    public int patchWidth() {
        return patchWidth;
    }

    /** @return requested stride along y, 0 for the default */
    public int strideY() {
        return strideY;
    }

    /** @return requested stride along x, 0 for the default */
    public int strideX() {
        return strideX;
    }

    /** @return frames per batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return the outputs to produce (read-only) */
    public Set<PredictionOutput> outputs() {
        return outputs;
    }

    /** @return whether the output is requested */
    public boolean produces(final PredictionOutput output) {
        return outputs.contains(output);
    }

    /** @return whether detection runs (for localisations or re-synthesis) */
    public boolean detects() {
        return produces(PredictionOutput.LOCALISATIONS) || produces(PredictionOutput.SYNTHESIS);
    }

    /** @return threads for the Java parts */
    public int threads() {
        return threads;
    }

    /** @return the pixel size override in nm, NaN to take it from the stack or the POI */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** @return how localisations are refined by a fit to the camera pixels, or null for DEPAF's own positions */
    public RefinementOptions refinement() {
        return refinement;
    }

    /**
     * The default patch side along one axis: {@code min(256, n)} rounded down to a multiple of {@code multiple}.
     *
     * @param n upsampled frame size along the axis
     * @param multiple the network's size multiple 2^depth
     * @param axis "height" or "width", for the message
     * @return the default patch side
     * @throws IllegalArgumentException if the frame is smaller than the multiple
     */
    public static int defaultPatch(final int n, final int multiple, final String axis) {
        final int p = Math.min(DEFAULT_MAX_PATCH, n) / multiple * multiple;
        if (p < 1) {
            throw new IllegalArgumentException("patch " + axis + ": the upsampled frame " + axis + " " + n
                + " is smaller than the network's size multiple " + multiple + " (2^encoder depth); the frames are "
                + "too small for this model");
        }
        return p;
    }

    /**
     * Resolves the defaults and checks the tiling against an upsampled frame.
     *
     * @param heightUp upsampled frame height
     * @param widthUp upsampled frame width
     * @param multiple the network's size multiple 2^depth (heights, and widths unless 1-D, are multiples of it)
     * @param oneDimensional whether the network is 1-D (frames of width 1; the patch width is then 1)
     * @return the tile grid
     * @throws IllegalArgumentException naming "patch height", "patch width" or "patch stride"
     */
    public TileGrid tileGrid(final int heightUp, final int widthUp, final int multiple,
        final boolean oneDimensional) {
        if (oneDimensional && widthUp != 1) {
            throw new IllegalArgumentException("The model is 1-D (traces of width 1) but the frames are " + widthUp
                + " pixels wide after upsampling; use a 2-D model for 2-D frames");
        }
        if (!oneDimensional && widthUp == 1 && multiple > 1) {
            throw new IllegalArgumentException("The frames have width 1 (1-D traces) but the model is 2-D; use a "
                + "model trained on traces");
        }
        final int ph = resolvePatch(patchHeight, heightUp, multiple, "patch height");
        final int pw = oneDimensional ? resolvePatch1d(patchWidth) : resolvePatch(patchWidth, widthUp, multiple,
            "patch width");
        final int sy = resolveStride(strideY, ph, "patch stride along y");
        final int sx = resolveStride(strideX, pw, "patch stride along x");
        return new TileGrid(heightUp, widthUp, ph, pw, sy, sx);
    }

    private static int resolvePatch(final int requested, final int n, final int multiple, final String what) {
        if (requested == 0) {
            return defaultPatch(n, multiple, what.substring("patch ".length()));
        }
        if (requested > n) {
            throw new IllegalArgumentException(what + " " + requested + " is larger than the upsampled frame " + n
                + ": the patch must fit inside the upsampled frame");
        }
        if (requested % multiple != 0) {
            throw new IllegalArgumentException(what + " " + requested + " must be a multiple of " + multiple
                + " (2^encoder depth of the network), e.g. " + Math.max(multiple, requested / multiple * multiple));
        }
        return requested;
    }

    private static int resolvePatch1d(final int requested) {
        if (requested > 1) {
            throw new IllegalArgumentException("patch width must be 1 for 1-D data (traces of width 1), got "
                + requested);
        }
        return 1;
    }

    private static int resolveStride(final int requested, final int patch, final String what) {
        if (requested == 0) {
            return (patch + 1) / 2;
        }
        if (requested > patch) {
            throw new IllegalArgumentException(what + " " + requested + " must not exceed the patch size " + patch);
        }
        return requested;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "patch %s × %s, stride %s × %s, batch %d, outputs %s, threads %d, "
            + "pixel size %s", orDefault(patchHeight), orDefault(patchWidth), orDefault(strideY), orDefault(strideX),
            batchSize, outputs, threads, Double.isNaN(pixelSizeNm) ? "from metadata" : pixelSizeNm + " nm")
            + (refinement == null ? "" : ", refined (" + refinement + ")");
    }

    private static String orDefault(final int v) {
        return v == 0 ? "default" : Integer.toString(v);
    }

    /** Builder of {@link PredictionOptions}; not thread-safe. */
    public static final class Builder {
        private int patchHeight;
        private int patchWidth;
        private int strideY;
        private int strideX;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private EnumSet<PredictionOutput> outputs = EnumSet.of(PredictionOutput.LOCALISATIONS);
        private int threads = Runtime.getRuntime().availableProcessors();
        private double pixelSizeNm = Double.NaN;
        private RefinementOptions refinement;

        private Builder() {
        }

        /** @param side square patch side on the upsampled grid, 0 for the default */
        public Builder patchSize(final int side) {
            return patchSize(side, side);
        }

        /**
         * @param height patch height on the upsampled grid, 0 for the default
         * @param width patch width, 0 for the default (1-D data: 0 or 1)
         */
        public Builder patchSize(final int height, final int width) {
            patchHeight = height;
            patchWidth = width;
            return this;
        }

        /** @param stride stride along both axes, 0 for the default ceil(patch/2) */
        public Builder patchStride(final int stride) {
            return patchStride(stride, stride);
        }

        /**
         * @param y stride along y, 0 for the default
         * @param x stride along x, 0 for the default
         */
        public Builder patchStride(final int y, final int x) {
            strideY = y;
            strideX = x;
            return this;
        }

        /** @param frames frames per batch, ≥ 1 */
        public Builder batchSize(final int frames) {
            batchSize = frames;
            return this;
        }

        /** @param first the outputs to produce (replacing the current choice) */
        public Builder outputs(final PredictionOutput first, final PredictionOutput... more) {
            outputs = EnumSet.of(first, more);
            return this;
        }

        /** @param set the outputs to produce (replacing the current choice); must not be empty */
        public Builder outputs(final Set<PredictionOutput> set) {
            outputs = set.isEmpty() ? EnumSet.noneOf(PredictionOutput.class) : EnumSet.copyOf(set);
            return this;
        }

        /** @param n threads for the Java parts, ≥ 1 */
        public Builder threads(final int n) {
            threads = n;
            return this;
        }

        /** @param nm pixel size override in nm, NaN to take it from the stack or the POI */
        public Builder pixelSizeNm(final double nm) {
            pixelSizeNm = nm;
            return this;
        }

        /**
         * @param options how to refine localisations by a fit to the camera pixels, or null to keep DEPAF's
         *            positions
         */
        public Builder refinement(final RefinementOptions options) {
            refinement = options;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the bad option
         */
        public PredictionOptions build() {
            return new PredictionOptions(this);
        }
    }
}
