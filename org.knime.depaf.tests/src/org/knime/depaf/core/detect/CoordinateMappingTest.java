package org.knime.depaf.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CoordinateMappingTest {

    private static final double[] RATIOS = {1, 1.25, 1.5, 20.5 / 13, 2, 3};

    @Test
    void upsampledSamplePositionsMapBackToTheirCentreKeepingQueryCoordinates() {
        for (final double r : RATIOS) {
            for (final int n : new int[] {1, 7, 64, 149, 256}) {
                final int m = (int)Math.ceil(n * r);
                final CoordinateMapping map = new CoordinateMapping(m, m, 1, r, r, 1);
                for (int k = 0; k < m; k++) {
                    // The resampler's 0-based query: q(k) = (n-1)/2 + (k - (m-1)/2)/r.
                    final double q = (n - 1) / 2.0 + (k - (m - 1) / 2.0) / r;
                    assertEquals(q, map.xToCamera(k), 1e-12, "n " + n + ", r " + r + ", k " + k);
                    assertEquals(q, map.yToCamera(k), 1e-12);
                    assertEquals(k, map.xToUpsampled(q), 1e-10);
                }
            }
        }
    }

    @Test
    void originalSizeIsRecoveredEvenWhenTheQuotientIsExact() {
        for (final double r : RATIOS) {
            for (int n = 1; n <= 400; n++) {
                final int m = (int)Math.ceil(n * r);
                assertEquals(n, CoordinateMapping.originalSize(m, r), "n " + n + ", r " + r);
            }
        }
        // 384 / 1.5 = 256 exactly; floor(384 * (1 / 1.5)) in floating point must not give 255.
        assertEquals(256, new CoordinateMapping(384, 384, 1, 1.5, 1.5, 1).widthOriginal());
    }

    @Test
    void pointsMappedForwardAndBackReturnExactly() {
        final SplittableRandom rnd = new SplittableRandom(2);
        final CoordinateMapping map = new CoordinateMapping(101, 97, 151, 20.5 / 13, 1.5, 1);
        for (int i = 0; i < 1000; i++) {
            final double x = rnd.nextDouble(-0.5, 64.5);
            final double y = rnd.nextDouble(-0.5, 64.5);
            final double z = rnd.nextDouble(0, 150);
            assertEquals(x, map.xToCamera(map.xToUpsampled(x)), 1e-12);
            assertEquals(y, map.yToCamera(map.yToUpsampled(y)), 1e-12);
            assertEquals(z, map.zToSlice(map.zToUpsampled(z)), 1e-12);
        }
    }

    @Test
    void zOfATwoDimensionalPoiStaysZeroAndZOfAnUpsampledStackMapsToSlices() {
        final CoordinateMapping flat = new CoordinateMapping(96, 96, 1, 1.5, 1.5, 1);
        assertEquals(0, flat.zToSlice(0), 0);
        // 2 slices upsampled with r_z = 1.25 to 3 channels: channel 0 -> slice -0.3, 1 -> 0.5, 2 -> 1.3
        // (the centre keeps its place, spacing 1/r_z).
        final CoordinateMapping stack = new CoordinateMapping(96, 96, 3, 1.5, 1.5, 1.25);
        assertEquals(2, stack.slicesOriginal());
        assertEquals(0.5, stack.zToSlice(1), 1e-12);
        assertEquals(1.3, stack.zToSlice(2), 1e-12);
    }

    @Test
    void mapsDetectionsToCameraPixelsKeepingAmplitudes() {
        final CoordinateMapping map = new CoordinateMapping(96, 96, 1, 1.5, 1.5, 1);
        final Detections up = new Detections(new double[] {47.5, 0}, new double[] {47.5, 95}, new double[] {0, 0},
            new double[] {1.5, 0.7});
        final Detections cam = map.toCamera(up);
        assertEquals(31.5, cam.x(0), 1e-12);
        assertEquals(31.5, cam.y(0), 1e-12);
        assertEquals((0 - 47.5) / 1.5 + 31.5, cam.x(1), 1e-12);
        assertEquals((95 - 47.5) / 1.5 + 31.5, cam.y(1), 1e-12);
        assertEquals(0.7, cam.amplitude(1), 0);
    }

    @Test
    void rejectsRatiosBelowOne() {
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> new CoordinateMapping(96, 96, 1, 0.5, 1.5, 1));
        assertTrue(e.getMessage().contains("along y"), e.getMessage());
    }
}
