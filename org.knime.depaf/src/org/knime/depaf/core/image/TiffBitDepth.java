package org.knime.depaf.core.image;

/**
 * The sample type of a written stack file: what each pixel becomes on disk.
 *
 * <p>Integer types round each value to the nearest integer and clamp it to the type's range (NaN becomes 0), so
 * they lose the fractional part and anything outside the range; {@link #FLOAT32} keeps every float exactly.
 */
public enum TiffBitDepth {

    /** Unsigned 8-bit integers: values rounded and clamped to [0, 255]. */
    UINT8(8, 255),

    /** Unsigned 16-bit integers: values rounded and clamped to [0, 65535]. */
    UINT16(16, 65535),

    /** IEEE 32-bit floats: values kept exactly (NaN and infinities included). */
    FLOAT32(32, Float.NaN);

    private final int bits;
    private final float max;

    TiffBitDepth(final int bits, final float max) {
        this.bits = bits;
        this.max = max;
    }

    /** @return bits per sample: 8, 16 or 32 */
    public int bits() {
        return bits;
    }

    /** @return bytes per sample: 1, 2 or 4 */
    public int bytes() {
        return bits / 8;
    }

    /** @return whether this is an integer type (values are rounded and clamped) */
    public boolean isInteger() {
        return this != FLOAT32;
    }

    /**
     * Rounds a value to this integer type: NaN and values ≤ 0 give 0, values ≥ the maximum give the maximum,
     * others are rounded half up.
     *
     * @param v the value
     * @return the stored integer
     * @throws IllegalStateException for {@link #FLOAT32}, which stores floats unchanged
     */
    public int clampRound(final float v) {
        if (this == FLOAT32) {
            throw new IllegalStateException("FLOAT32 stores values unchanged");
        }
        if (!(v > 0)) { // NaN too
            return 0;
        }
        if (v >= max) {
            return (int)max;
        }
        return (int)(v + 0.5d); // exact in double for every float below 2^29, so this is round half up
    }
}
