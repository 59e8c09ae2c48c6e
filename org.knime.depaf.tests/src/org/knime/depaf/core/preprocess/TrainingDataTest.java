package org.knime.depaf.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.resample.CenterKeepResampler;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

class TrainingDataTest {

    /** An in-memory frame source that counts reads. */
    static final class MemorySource implements FrameSource {
        final ImageStack stack;
        int reads;

        MemorySource(final ImageStack stack) {
            this.stack = stack;
        }

        @Override
        public int frames() {
            return stack.frames();
        }

        @Override
        public int height() {
            return stack.height();
        }

        @Override
        public int width() {
            return stack.width();
        }

        @Override
        public double pixelSizeNm() {
            return stack.pixelSizeNm();
        }

        @Override
        public String source() {
            return "memory";
        }

        @Override
        public ImageStack read(final int first, final int count) {
            reads++;
            return stack.subStack(first, count);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    private static ImageStack noisyFrames(final int n, final int h, final int w, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[n * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float)(100 + 20 * r.nextDouble());
        }
        return new ImageStack(px, n, h, w, 100, "noise");
    }

    @Test
    void preparedFramesAreMinSubtractedResampledClampedAndScaled() {
        final ImageStack raw = noisyFrames(3, 20, 24, 1);
        final UpsamplingRatios r = UpsamplingRatios.standard2d();
        final NormalizationConstants c = Normalization.fit(raw, r, Interpolation.SPLINE, Monitor.NONE);
        assertEquals(Normalization.normMin(raw), c.normMin(), 0);
        assertTrue(c.normMin() >= 100 && c.normMin() < 101);
        final FramePreparer p = new FramePreparer(20, 24, r, Interpolation.SPLINE, c);
        assertEquals(30, p.outputHeight());
        assertEquals(36, p.outputWidth());
        final ImageStack prepared = p.prepare(raw, Monitor.NONE);
        int above = 0;
        for (final float v : prepared.pixels()) {
            assertTrue(v >= 0);
            above += v > 1 ? 1 : 0;
        }
        // normMax is the 99.9th percentile: about 0.1 % of the values exceed 1
        assertTrue(above > 0 && above <= Math.ceil(0.001 * prepared.pixels().length) + 1, "above " + above);
        // same as doing the steps by hand
        final float[] f0 = raw.frame(0);
        for (int i = 0; i < f0.length; i++) {
            f0[i] -= (float)c.normMin();
        }
        final float[] up = CenterKeepResampler.resample2d(f0, 20, 24, 1.5, 1.5, Interpolation.SPLINE);
        for (int i = 0; i < up.length; i++) {
            assertEquals(Math.max(up[i], 0) / c.normMax(), prepared.pixels()[i], 1e-5);
        }
    }

    @Test
    void drawsTheSamePatchesForTheSameSeedFromOnlyTheNeededFrames() throws Exception {
        final ImageStack raw = noisyFrames(40, 32, 32, 2);
        final TrainingDataSpec spec = new TrainingDataSpec(new FrameSplit(new int[] {0, 1, 2, 3, 4, 5, 6, 7},
            new int[] {30, 31}, 40), 20, 6, 32, 16, 2, UpsamplingRatios.standard2d(), Interpolation.SPLINE, 11);
        final MemorySource src = new MemorySource(raw);
        final TrainingData a = TrainingData.prepare(src, spec, Monitor.NONE);
        assertEquals(2, src.reads); // frames 0–7 and 30–31, two contiguous runs
        final TrainingData b = TrainingData.prepare(new MemorySource(raw), spec, Monitor.NONE);
        assertEquals(20, a.train().size());
        assertEquals(6, a.validation().size());
        final float[] batchA = a.train().toBatchArray();
        assertEquals(20 * 32 * 16, batchA.length);
        assertArrayEquals(batchA, b.train().toBatchArray());
        assertArrayEquals(a.validation().toBatchArray(), b.validation().toBatchArray());
        assertEquals(a.constants().normMax(), b.constants().normMax(), 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(a.train().positions().frame(i) < 8);
        }
        for (int i = 0; i < 6; i++) {
            assertTrue(a.validation().positions().frame(i) >= 30);
        }
        // a batch copies patches in the order given, [B, 1, p_y, p_x]
        final float[] batch = new float[2 * 32 * 16];
        a.train().copyBatch(new int[] {5, 3}, 0, 2, batch);
        for (int i = 0; i < 32 * 16; i++) {
            assertEquals(batchA[5 * 512 + i], batch[i], 0);
            assertEquals(batchA[3 * 512 + i], batch[512 + i], 0);
        }
    }
}
