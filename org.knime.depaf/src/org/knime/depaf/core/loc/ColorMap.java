package org.knime.depaf.core.loc;

/**
 * Colour maps for rendered images: a value t in [0, 1] to a packed 0xRRGGBB colour.
 *
 * <p>{@link #GREY} is linear grey; {@link #HOT} the classic black–red–yellow–white ramp; {@link #INFERNO} a
 * perceptually uniform map (black–purple–orange–pale yellow) interpolated linearly between nine key colours
 * sampled from matplotlib's inferno. Values outside [0, 1] are clamped, NaN is black.
 */
public enum ColorMap {
    /** Linear grey. */
    GREY,
    /** Black → red → yellow → white. */
    HOT,
    /** Perceptually uniform, dark purple to pale yellow. */
    INFERNO;

    /** Key colours of inferno at t = 0, 1/8, ..., 1. */
    private static final int[] INFERNO_KEYS = {0x000004, 0x1F0C48, 0x550F6D, 0x88226A, 0xBA3655, 0xE35933,
        0xF98C0A, 0xF9C932, 0xFCFFA4};

    /** @return the colour of t as 0xRRGGBB */
    public int rgb(final double t) {
        final double v = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        switch (this) {
            case GREY: {
                final int g = (int)Math.round(v * 255);
                return g << 16 | g << 8 | g;
            }
            case HOT: {
                final int r = channel(v * 3);
                final int g = channel(v * 3 - 1);
                final int b = channel(v * 3 - 2);
                return r << 16 | g << 8 | b;
            }
            default: {
                final double p = v * (INFERNO_KEYS.length - 1);
                final int i = Math.min(INFERNO_KEYS.length - 2, (int)p);
                final double f = p - i;
                final int a = INFERNO_KEYS[i];
                final int b = INFERNO_KEYS[i + 1];
                return mix(a >> 16, b >> 16, f) << 16 | mix(a >> 8 & 255, b >> 8 & 255, f) << 8
                    | mix(a & 255, b & 255, f);
            }
        }
    }

    private static int channel(final double x) {
        return (int)Math.round(Math.max(0, Math.min(1, x)) * 255);
    }

    private static int mix(final int a, final int b, final double f) {
        return (int)Math.round((a & 255) + f * ((b & 255) - (a & 255)));
    }

    /** @return the map of a name ("grey"/"gray", "hot", "inferno"), case-insensitive */
    public static ColorMap parse(final String name) {
        final String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (n.equals("GRAY")) {
            return GREY;
        }
        for (final ColorMap m : values()) {
            if (m.name().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown colour map '" + name + "'; expected grey, hot or inferno");
    }
}
