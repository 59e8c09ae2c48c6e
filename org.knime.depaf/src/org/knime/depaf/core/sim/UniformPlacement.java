package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/** Emitters uniformly distributed in the field [0, width) × [0, height) × [zMin, zMax] (nm). Immutable. */
public final class UniformPlacement implements EmitterPlacement {

    private final double widthNm;
    private final double heightNm;
    private final double zMinNm;
    private final double zMaxNm;

    /**
     * @param widthNm field width in nm, &gt; 0
     * @param heightNm field height in nm, &gt; 0
     * @param zMinNm lowest z in nm
     * @param zMaxNm highest z in nm, ≥ zMinNm (equal for 2-D)
     */
    public UniformPlacement(final double widthNm, final double heightNm, final double zMinNm, final double zMaxNm) {
        if (!(widthNm > 0) || !(heightNm > 0) || Double.isInfinite(widthNm) || Double.isInfinite(heightNm)) {
            throw new IllegalArgumentException("Field size must be positive and finite, got " + widthNm + " × "
                + heightNm + " nm");
        }
        if (!(zMaxNm >= zMinNm) || Double.isInfinite(zMinNm) || Double.isInfinite(zMaxNm)) {
            throw new IllegalArgumentException("z range must be finite with zMinNm ≤ zMaxNm, got [" + zMinNm + ", "
                + zMaxNm + "]");
        }
        this.widthNm = widthNm;
        this.heightNm = heightNm;
        this.zMinNm = zMinNm;
        this.zMaxNm = zMaxNm;
    }

    @Override
    public void sample(final SplittableRandom rng, final double[] xyz) {
        xyz[0] = rng.nextDouble() * widthNm;
        xyz[1] = rng.nextDouble() * heightNm;
        xyz[2] = zMaxNm > zMinNm ? zMinNm + rng.nextDouble() * (zMaxNm - zMinNm) : zMinNm;
    }
}
