package org.knime.depaf.core.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.poi.Poi;

class ForwardModelTest {

    @Test
    void modelImageIsBackgroundPlusSummedSignal() {
        final Poi poi = TestPois.stack(9, 11, 2, 1.5, 0.3);
        final ForwardModel model = new ForwardModel(poi, 15, 9);
        final int h = 24;
        final int w = 20;
        final SplittableRandom rnd = new SplittableRandom(5);
        final float[] a = new float[2 * h * w];
        for (int i = 0; i < 12; i++) {
            a[rnd.nextInt(a.length)] = (float)rnd.nextDouble(0.5, 2);
        }
        final float[] g = new float[h * w];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float)rnd.nextDouble(0, 0.2);
        }
        final float[] per = model.signalChannels(a, h, w);
        final float[] sum = model.signal(a, h, w);
        final float[] bg = model.background(g, h, w);
        final float[] x = model.model(a, g, h, w);
        for (int i = 0; i < h * w; i++) {
            assertEquals(per[i] + per[h * w + i], sum[i], 1e-6f);
            assertEquals(bg[i] + sum[i], x[i], 1e-6f);
        }
        assertArrayEquals(ReflectConvolution.boxBackground(g, h, w, 15, 9), bg, 0f);
    }

    @Test
    void modelWithoutBackgroundRejectsABackgroundMap() {
        final ForwardModel model = new ForwardModel(TestPois.asymmetric(7, 1));
        assertTrue(!model.hasBackground());
        assertThrows(IllegalArgumentException.class, () -> model.model(new float[100], new float[100], 10, 10));
        assertThrows(IllegalStateException.class, () -> model.background(new float[100], 10, 10));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new ForwardModel(TestPois.asymmetric(7, 1), 4, 5));
        assertTrue(e.getMessage().contains("4 × 5"), e.getMessage());
    }
}
