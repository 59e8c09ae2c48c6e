package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.util.Monitor;

class BeadCalibrationTest {

    private static final AstigmaticPoi PSF = new AstigmaticPoi(1.3, 150, 300);
    private static final int SLICES = 31;
    private static final double Z_STEP = 20;

    /** Beads at known sub-pixel positions, plus a close pair and one at the border; Gaussian noise. */
    private static ImageStack beadStack(final long seed) {
        final int h = 96;
        final int w = 96;
        final double[][] pos = {{20.3, 22.7}, {24.6, 70.2}, {70.45, 25.1}, {68.8, 68.35}, {47.2, 46.6},
            // a close pair (rejected) and a bead at the border (rejected)
            {84.0, 46.0}, {86.0, 52.0}, {3.0, 50.0}};
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[SLICES * h * w];
        final float[] slice = new float[h * w];
        for (int s = 0; s < SLICES; s++) {
            java.util.Arrays.fill(slice, 100f);
            final double z = AstigmaticPoi.zOf(s, SLICES, Z_STEP);
            for (int b = 0; b < pos.length; b++) {
                PSF.render(slice, h, w, pos[b][0], pos[b][1], z, 20000 * (1 + 0.1 * b));
            }
            for (int i = 0; i < slice.length; i++) {
                slice[i] += (float)(3 * r.nextGaussian());
            }
            System.arraycopy(slice, 0, px, s * h * w, h * w);
        }
        return new ImageStack(px, SLICES, h, w, 100, "simulated beads");
    }

    @Test
    void calibratedPoiIsCentredAndAsWideAsTheGenerator() {
        final BeadCalibration.Result r = BeadCalibration.calibrate(beadStack(1),
            BeadCalibrationSettings.defaults(15, Z_STEP), Monitor.NONE);
        assertEquals(5, r.beads().size(), r.toString());
        assertEquals(1, r.rejectedAtBorder(), r.toString());
        assertEquals(2, r.rejectedOverlapping(), r.toString());
        final Poi poi = r.poi();
        assertEquals(Poi.Kind.Z_STACK, poi.kind());
        assertEquals(SLICES, poi.channels());
        assertEquals(Z_STEP, poi.zStepNm(), 0);
        assertEquals(1, poi.max(), 1e-6);
        final int focus = (SLICES - 1) / 2;
        assertEquals(focus, r.focusSlice());
        final GaussianFit2D f = GaussianFit2D.fit(poi.slice(focus), 15, 15);
        assertEquals(7, f.y(), 0.1, f.toString());
        assertEquals(7, f.x(), 0.1, f.toString());
        final double sigma = PSF.sigmaX(0);
        assertEquals(sigma, f.sigmaX(), 0.05 * sigma, f.toString());
        assertEquals(sigma, f.sigmaY(), 0.05 * sigma, f.toString());
        // astigmatism survives: 200 nm above focus x is sharper than y
        final GaussianFit2D top = GaussianFit2D.fit(poi.slice(focus + 10), 15, 15);
        assertEquals(PSF.sigmaX(200), top.sigmaX(), 0.06 * PSF.sigmaX(200), top.toString());
        assertEquals(PSF.sigmaY(200), top.sigmaY(), 0.06 * PSF.sigmaY(200), top.toString());
        // registered bead positions are the true ones
        boolean found = false;
        for (final BeadCalibration.Bead b : r.beads()) {
            if (Math.abs(b.y() - 47.2) < 0.5) {
                assertEquals(46.6, b.x(), 0.05);
                assertEquals(47.2, b.y(), 0.05);
                found = true;
            }
        }
        assertTrue(found);
    }

    @Test
    void centroidRegistrationAlsoCentresThePoi() {
        final BeadCalibrationSettings s = new BeadCalibrationSettings(15, 15, 0.2, 15, Z_STEP,
            BeadCalibrationSettings.Registration.CENTROID, Interpolation.LINEAR);
        final Poi poi = BeadCalibration.calibrate(beadStack(2), s, Monitor.NONE).poi();
        final GaussianFit2D f = GaussianFit2D.fit(poi.slice(15), 15, 15);
        assertEquals(7, f.y(), 0.1, f.toString());
        assertEquals(7, f.x(), 0.1, f.toString());
    }

    @Test
    void explainsWhyNoBeadWasUsable() {
        final BeadCalibrationSettings s = new BeadCalibrationSettings(15, -1, 0.2, 200, Z_STEP,
            BeadCalibrationSettings.Registration.GAUSSIAN_FIT, Interpolation.SPLINE);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BeadCalibration.calibrate(beadStack(3), s, Monitor.NONE));
        assertTrue(e.getMessage().contains("no usable bead") && e.getMessage().contains("overlapping"),
            e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BeadCalibrationSettings.defaults(14, 10))
            .getMessage().contains("window size"));
    }
}
