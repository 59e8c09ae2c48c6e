package org.knime.depaf.bench;

import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The speed limit measured in the same run: GFLOP/s of one plain SameDiff conv2d (oneDNN on CPU) of a layer shape
 * typical of the DEPAF U-Net: batch 8, 16 → 16 channels, 3 × 3, SAME padding, 96 × 96 px, NCHW, float32.
 */
final class ConvolutionReference {

    static final int BATCH = 8;
    static final int CHANNELS = 16;
    static final int SIZE = 96;

    private ConvolutionReference() {
    }

    /** @return FLOP of one call: 2 per multiply-add */
    static double flopsPerCall() {
        return 2.0 * BATCH * SIZE * SIZE * CHANNELS * CHANNELS * 9;
    }

    /**
     * Times the convolution: 3 warm-up calls, then the best of 3 rounds of 10 calls.
     *
     * @return GFLOP/s
     */
    static double measureGflops() {
        final SameDiff sd = SameDiff.create();
        final SDVariable in = sd.placeHolder("in", DataType.FLOAT, BATCH, CHANNELS, SIZE, SIZE);
        Nd4j.getRandom().setSeed(11);
        final SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 3, CHANNELS, CHANNELS).subi(0.5).muli(0.2));
        final SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, CHANNELS));
        sd.cnn().conv2d("out", in, w, b, Conv2DConfig.builder().kH(3).kW(3).paddingMode(PaddingMode.SAME)
            .dataFormat("NCHW").build());
        final INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, CHANNELS, SIZE, SIZE);
        final Map<String, INDArray> feed = Map.of("in", x);
        for (int i = 0; i < 3; i++) {
            sd.output(feed, "out");
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            final long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                sd.output(feed, "out");
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / 10);
        }
        return flopsPerCall() / best / 1e9;
    }
}
