package org.knime.depaf.core.eval;

import java.util.SplittableRandom;

import org.knime.depaf.core.loc.LocalisationTable;

/**
 * The "random positions, true count per frame" baseline: for each frame, as many localisations as the ground
 * truth has, uniformly random in the field. A detector must beat it for its Jaccard to mean anything; at high
 * density it scores surprisingly well at a 250 nm tolerance (benchmarks.md). Seeded and deterministic.
 */
public final class RandomBaseline {

    private RandomBaseline() {
    }

    /**
     * @param groundTruth the reference (only its frame counts, and its z range when it has z, are used)
     * @param fieldWidthNm field width in nm
     * @param fieldHeightNm field height in nm
     * @param seed the seed
     * @return random localisations: same frames and counts, x ∈ [0, width), y ∈ [0, height), z uniform in the
     *         ground truth's z range (3-D only); same pixel size as the ground truth
     */
    public static LocalisationTable generate(final LocalisationTable groundTruth, final double fieldWidthNm,
        final double fieldHeightNm, final long seed) {
        if (!(fieldWidthNm > 0) || !(fieldHeightNm > 0) || Double.isInfinite(fieldWidthNm)
            || Double.isInfinite(fieldHeightNm)) {
            throw new IllegalArgumentException("Field size must be finite and > 0 nm, got " + fieldWidthNm + " × "
                + fieldHeightNm);
        }
        final boolean withZ = groundTruth.has(LocalisationTable.Column.Z);
        double zMin = Double.POSITIVE_INFINITY;
        double zMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; withZ && i < groundTruth.size(); i++) {
            final double z = groundTruth.z(i);
            if (!Double.isNaN(z)) {
                zMin = Math.min(zMin, z);
                zMax = Math.max(zMax, z);
            }
        }
        final SplittableRandom rng = new SplittableRandom(seed);
        final LocalisationTable.FrameIndex fi = groundTruth.frameIndex();
        final LocalisationTable.Builder b = LocalisationTable.builder(groundTruth.pixelSizeNm());
        for (int i = 0; i < fi.frameCount(); i++) {
            final int f = fi.frameAt(i);
            for (int k = fi.count(f); k > 0; k--) {
                b.add(f, rng.nextDouble() * fieldWidthNm, rng.nextDouble() * fieldHeightNm);
                if (withZ) {
                    b.z(zMax >= zMin ? zMin + rng.nextDouble() * (zMax - zMin) : 0);
                }
            }
        }
        return b.build();
    }
}
