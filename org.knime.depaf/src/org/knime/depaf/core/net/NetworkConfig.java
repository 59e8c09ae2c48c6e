package org.knime.depaf.core.net;

/**
 * The architecture of a DEPAF network (depaf-method.md §5): a U-Net of {@code encoderDepth} stages with base
 * width {@code baseWidth}, whose 1×1 head has one output channel per POI channel plus one background channel
 * when {@code learnBackground}.
 *
 * <p>Stage widths are {@code F·2^(s−1)} for encoder stage s = 1..D, {@code F·2^D} for the bridge and
 * {@code F·2^(D−t)} for decoder stage t = 1..D. Convolutions are 3×3 ("same", zero padding), pooling and
 * transposed convolutions 2×2 stride 2; in {@link #oneDimensional() 1-D mode} (data of width 1, e.g. traces)
 * they are 3×1 and 2×1. Inputs must have a height (and, in 2-D mode, a width) that is a multiple of
 * {@code 2^D}.
 *
 * <p>Immutable. Build one with {@link #builder(int)}.
 */
public final class NetworkConfig {

    /** The deepest U-Net: 2^8 = 256 px is already more than most patches. */
    public static final int MAX_ENCODER_DEPTH = 8;

    /** The widest stage (the bridge, base width · 2^depth), in channels. */
    public static final int MAX_STAGE_WIDTH = 1 << 16;

    /** Dropout probability of the method (two dropout layers, inverted dropout; §5). */
    public static final double DEFAULT_DROPOUT = 0.5;

    private final int poiChannels;
    private final boolean learnBackground;
    private final int encoderDepth;
    private final int baseWidth;
    private final boolean oneDimensional;
    private final double dropout;
    private final long seed;

    private NetworkConfig(final Builder b) {
        if (b.poiChannels < 1) {
            throw new IllegalArgumentException("POI channels must be at least 1, got " + b.poiChannels);
        }
        if (b.encoderDepth < 1 || b.encoderDepth > MAX_ENCODER_DEPTH) {
            throw new IllegalArgumentException("Encoder depth must be between 1 and " + MAX_ENCODER_DEPTH + ", got "
                + b.encoderDepth);
        }
        final int width = b.baseWidth > 0 ? b.baseWidth : defaultBaseWidth(b.poiChannels, b.learnBackground);
        if ((long)width << b.encoderDepth > MAX_STAGE_WIDTH) {
            throw new IllegalArgumentException("Base width " + width + " at encoder depth " + b.encoderDepth
                + " gives a bridge wider than " + MAX_STAGE_WIDTH + " channels: use a narrower network");
        }
        if (!(b.dropout >= 0 && b.dropout < 1)) {
            throw new IllegalArgumentException("Dropout probability must be in [0, 1), got " + b.dropout);
        }
        this.poiChannels = b.poiChannels;
        this.learnBackground = b.learnBackground;
        this.encoderDepth = b.encoderDepth;
        this.baseWidth = width;
        this.oneDimensional = b.oneDimensional;
        this.dropout = b.dropout;
        this.seed = b.seed;
    }

    /**
     * @param poiChannels number of POI channels C (after POI resampling), ≥ 1
     * @return a builder with the method's defaults: learn background, depth 2, base width max(64, C_out),
     *         2-D, dropout 0.5, seed 0
     */
    public static Builder builder(final int poiChannels) {
        return new Builder(poiChannels);
    }

    /**
     * The reference's base width: {@code max(64, C_out)} with {@code C_out = C + 1} when the background is
     * learnt (§5), so wide z-stacks widen the whole network.
     *
     * @param poiChannels C
     * @param learnBackground whether a background channel is added
     * @return the default base width
     */
    public static int defaultBaseWidth(final int poiChannels, final boolean learnBackground) {
        return Math.max(64, poiChannels + (learnBackground ? 1 : 0));
    }

    /** @return number of POI channels C */
    public int poiChannels() {
        return poiChannels;
    }

    /** @return whether a background channel and branch exist */
    public boolean learnBackground() {
        return learnBackground;
    }

    /** @return number of head output channels: C, plus 1 with a background channel */
    public int outputChannels() {
        return poiChannels + (learnBackground ? 1 : 0);
    }

    /** @return number of down-sampling stages D */
    public int encoderDepth() {
        return encoderDepth;
    }

    /** @return base width F (channels of the first encoder stage) */
    public int baseWidth() {
        return baseWidth;
    }

    /** @return whether kernels are k × 1 (data of width 1, the vertical axis being time) */
    public boolean oneDimensional() {
        return oneDimensional;
    }

    /** @return dropout probability of the two dropout layers during training steps */
    public double dropout() {
        return dropout;
    }

    /** @return seed of the weight initialisation and of the dropout masks */
    public long seed() {
        return seed;
    }

    /** @return channels of encoder stage s (1-based), F·2^(s−1); s = D + 1 gives the bridge */
    public int stageWidth(final int s) {
        return baseWidth << (s - 1);
    }

    /** @return the divisor that input heights (and widths in 2-D mode) must be a multiple of, 2^D */
    public int sizeMultiple() {
        return 1 << encoderDepth;
    }

    /** @return number of trainable parameters (weights and biases) */
    public long parameterCount() {
        final int k = oneDimensional ? 3 : 9;
        final int u = oneDimensional ? 2 : 4;
        long n = 0;
        int in = 1;
        for (int s = 1; s <= encoderDepth + 1; s++) {
            final int w = stageWidth(s);
            n += (long)k * in * w + w + (long)k * w * w + w;
            in = w;
        }
        for (int s = encoderDepth; s >= 1; s--) {
            final int w = stageWidth(s);
            n += (long)u * in * w + w + (long)k * 2 * w * w + w + (long)k * w * w + w;
            in = w;
        }
        return n + (long)in * outputChannels() + outputChannels();
    }

    /**
     * Floating-point operations of one U-Net forward pass over one frame (2 per multiply-add, convolutions,
     * transposed convolutions and the head; activations, pooling and the forward model not counted). A
     * training step costs about three times this per patch (forward, input and weight gradients).
     *
     * @param height frame height
     * @param width frame width
     * @return the estimate in FLOP
     */
    public double flopsPerFrame(final int height, final int width) {
        final int k = oneDimensional ? 3 : 9;
        final int u = oneDimensional ? 2 : 4;
        double macs = 0;
        double pixels = (double)height * width;
        int in = 1;
        for (int s = 1; s <= encoderDepth + 1; s++) {
            final int w = stageWidth(s);
            macs += pixels * k * ((double)in * w + (double)w * w);
            in = w;
            if (s <= encoderDepth) {
                pixels /= oneDimensional ? 2 : 4;
            }
        }
        for (int s = encoderDepth; s >= 1; s--) {
            final int w = stageWidth(s);
            macs += pixels * u * in * w; // transposed conv: every input pixel feeds a u-pixel block
            pixels *= oneDimensional ? 2 : 4;
            macs += pixels * k * (2.0 * w * w + (double)w * w);
            in = w;
        }
        macs += pixels * in * outputChannels();
        return 2 * macs;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof NetworkConfig)) {
            return false;
        }
        final NetworkConfig c = (NetworkConfig)o;
        return poiChannels == c.poiChannels && learnBackground == c.learnBackground
            && encoderDepth == c.encoderDepth && baseWidth == c.baseWidth && oneDimensional == c.oneDimensional
            && Double.compare(dropout, c.dropout) == 0 && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(poiChannels, learnBackground, encoderDepth, baseWidth, oneDimensional, dropout,
            seed);
    }

    @Override
    public String toString() {
        return "U-Net depth " + encoderDepth + ", base width " + baseWidth + ", " + poiChannels + " POI channel"
            + (poiChannels == 1 ? "" : "s") + (learnBackground ? " + background" : "") + (oneDimensional ? ", 1-D"
                : "") + ", dropout " + dropout + ", seed " + seed;
    }

    /** Collects the settings of a {@link NetworkConfig}. */
    public static final class Builder {
        private final int poiChannels;
        private boolean learnBackground = true;
        private int encoderDepth = 2;
        private int baseWidth;
        private boolean oneDimensional;
        private double dropout = DEFAULT_DROPOUT;
        private long seed;

        private Builder(final int poiChannels) {
            this.poiChannels = poiChannels;
        }

        /** @param learn whether to add the background channel and branch (default true) */
        public Builder learnBackground(final boolean learn) {
            this.learnBackground = learn;
            return this;
        }

        /** @param depth number of down-sampling stages, 1..8 (default 2) */
        public Builder encoderDepth(final int depth) {
            this.encoderDepth = depth;
            return this;
        }

        /** @param width base width F ≥ 1; 0 (the default) selects {@link NetworkConfig#defaultBaseWidth} */
        public Builder baseWidth(final int width) {
            if (width < 0) {
                throw new IllegalArgumentException("Base width must be positive (or 0 for the default), got "
                    + width);
            }
            this.baseWidth = width;
            return this;
        }

        /** @param oneD whether to use k × 1 kernels for data of width 1 (default false) */
        public Builder oneDimensional(final boolean oneD) {
            this.oneDimensional = oneD;
            return this;
        }

        /** @param p dropout probability in [0, 1) (default 0.5) */
        public Builder dropout(final double p) {
            this.dropout = p;
            return this;
        }

        /** @param s seed of weight initialisation and dropout masks (default 0) */
        public Builder seed(final long s) {
            this.seed = s;
            return this;
        }

        /** @return the configuration; throws IllegalArgumentException for invalid settings */
        public NetworkConfig build() {
            return new NetworkConfig(this);
        }
    }
}
