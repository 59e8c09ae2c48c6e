package org.knime.depaf.core.net.samediff;

import java.util.ArrayList;
import java.util.List;

import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the DEPAF SameDiff graph (depaf-method.md §5–§7.1) and names its parts.
 *
 * <p>Layouts (verified by delta tests): NCHW activations; conv2d weights [kH, kW, C_in, C_out] (YXIO); transposed
 * conv weights [kH, kW, C_out, C_in]; depthwise weights [kH, kW, channels, 1]. The forward-model kernel holds the
 * 180°-rotated POI, since the engine's convolution is a cross-correlation.
 */
final class DepafGraph {

    static final String INPUT = "input";
    static final String MASK = "channelMask";
    static final String POI = "poiKernel";
    static final String POI_COLUMNS = "poiColumns";
    static final String POI_ROWS = "poiRows";
    static final String SHAPE_RBCHW = "shapeRBCHW";
    static final String LAMBDA = "lambda";
    static final String DROP_ENCODER = "dropEncoder";
    static final String DROP_BRIDGE = "dropBridge";
    static final String SHAPE_SLICES = "shapeSlices";
    static final String SHAPE_AS_CHANNELS = "shapeAsChannels";
    static final String SHAPE_BCHW = "shapeBCHW";
    static final String SHAPE_SEED_SLICES = "shapeSeedSlices";
    static final String SHAPE_B1HW = "shapeB1HW";

    static final String AMPLITUDES = "amplitudes";
    static final String SIGNAL = "signal";
    static final String BACKGROUND = "background";
    static final String FIDELITY = "fidelity";
    static final String SPARSITY = "sparsity";
    static final String LOSS = "loss";

    static final String HEAD_W = "head_w";
    static final String HEAD_B = "head_b";
    static final String BG_HEAD_W = "bgHead_w";
    static final String BG_HEAD_B = "bgHead_b";

    final SameDiff sd;
    final List<ParamSpec> params;

    private DepafGraph(final SameDiff sd, final List<ParamSpec> params) {
        this.sd = sd;
        this.params = params;
    }

    /**
     * Builds the network graph with its forward model and loss; parameter variables are created with zero values
     * (the caller initialises them).
     */
    static DepafGraph build(final NetworkConfig config, final ForwardKernels kernels) {
        final SameDiff sd = SameDiff.create();
        final List<ParamSpec> params = new ArrayList<>();
        final boolean oneD = config.oneDimensional();
        final int kw = oneD ? 1 : 3;
        final int pw = oneD ? 1 : 2;

        final SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, 1, -1, -1);
        final SDVariable dropEncoder = sd.placeHolder(DROP_ENCODER, DataType.FLOAT, -1, -1, -1, -1);
        final SDVariable dropBridge = sd.placeHolder(DROP_BRIDGE, DataType.FLOAT, -1, -1, -1, -1);

        final int depth = config.encoderDepth();
        final SDVariable[] skips = new SDVariable[depth + 1];
        SDVariable h = x;
        int in = 1;
        for (int s = 1; s <= depth; s++) {
            final int w = config.stageWidth(s);
            h = convRelu(sd, params, "enc" + s + "a", h, in, w, kw);
            h = convRelu(sd, params, "enc" + s + "b", h, w, w, kw);
            skips[s] = h;
            if (s == depth) {
                h = h.mul(dropEncoder);
            }
            h = sd.cnn().maxPooling2d(h, Pooling2DConfig.builder().kH(2).kW(pw).sH(2).sW(pw)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build());
            in = w;
        }
        final int wb = config.stageWidth(depth + 1);
        h = convRelu(sd, params, "bridge_a", h, in, wb, kw);
        h = convRelu(sd, params, "bridge_b", h, wb, wb, kw);
        h = h.mul(dropBridge);
        in = wb;
        for (int s = depth; s >= 1; s--) {
            final int w = config.stageWidth(s);
            final String n = "dec" + s;
            final SDVariable uw = param(sd, params, n + "up_w", new long[] {2, pw, w, in}, 2 * pw * in);
            final SDVariable ub = param(sd, params, n + "up_b", new long[] {w}, 0);
            h = sd.cnn().deconv2d(h, uw, ub, DeConv2DConfig.builder().kH(2).kW(pw).sH(2).sW(pw).isSameMode(false)
                .dataFormat("NCHW").build());
            h = sd.nn().relu(h, 0);
            h = sd.concat(1, h, skips[s]);
            h = convRelu(sd, params, n + "a", h, 2 * w, w, kw);
            h = convRelu(sd, params, n + "b", h, w, w, kw);
            in = w;
        }
        final int c = config.poiChannels();
        final SDVariable headW = param(sd, params, HEAD_W, new long[] {1, 1, in, c}, in);
        final SDVariable headB = param(sd, params, HEAD_B, new long[] {c}, 0);
        final SDVariable amplitudes = sd.math().abs(AMPLITUDES, conv(sd, h, headW, headB, 1, 1));
        SDVariable seed = null;
        if (config.learnBackground()) {
            final SDVariable bgW = param(sd, params, BG_HEAD_W, new long[] {1, 1, in, 1}, in);
            final SDVariable bgB = param(sd, params, BG_HEAD_B, new long[] {1}, 0);
            seed = sd.math().abs(conv(sd, h, bgW, bgB, 1, 1));
        }
        forwardModelAndLoss(sd, x, amplitudes, seed, kernels);
        sd.setLossVariables(LOSS);
        return new DepafGraph(sd, params);
    }

    /**
     * Adds the forward model and the loss (§6, §7.1) on given amplitude maps A [B, C, H, W] and background seed G
     * [B, 1, H, W] (null without background), with the placeholders of {@link ForwardModelInputs}. Defines
     * {@link #SIGNAL}, {@link #BACKGROUND} (with G), {@link #FIDELITY}, {@link #SPARSITY} and {@link #LOSS}.
     *
     * <p>Dsum: A·m is reflect-padded (a {@link SeparableMap}), laid out as one image of B·C channels and
     * convolved depthwise with the POI kernel tiled B times, then summed over C. A plain conv2d with C inputs and
     * one output computes the same, but oneDNN pads both channel counts to 16: 6× slower for C = 1; batch as
     * channels halves the depthwise cost again for small C. When every POI slice is a sum of a few separable terms
     * ({@link ForwardKernels#separableRank()}, e.g. an astigmatic z-stack), the slices are convolved with the terms'
     * columns and then their rows instead, r·(h_P + w_P) instead of h_P·w_P multiplications per pixel. BG: the reflect-padded box mean as a
     * {@link SeparableMap}.
     */
    static void forwardModelAndLoss(final SameDiff sd, final SDVariable x, final SDVariable amplitudes,
        final SDVariable seed, final ForwardKernels kernels) {
        final int c = kernels.channels();
        final SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, 1, c, 1, 1);
        final SDVariable lambda = sd.placeHolder(LAMBDA, DataType.FLOAT);

        final SDVariable masked = amplitudes.mul(mask);
        SDVariable slices = sd.reshape(masked, sd.placeHolder(SHAPE_SLICES, DataType.LONG, 3)); // [B·C, H, W]
        slices = ForwardModelInputs.poiPadding(kernels).apply(sd, slices); // [B·C, Hp, Wp]
        final SDVariable asChannels = sd.reshape(slices, sd.placeHolder(SHAPE_AS_CHANNELS, DataType.LONG, 4));
        final int rank = kernels.separableRank();
        final SDVariable signal;
        if (rank > 0) {
            // P_c = Σ_i col_ci ⊗ row_ci: r copies of the B·C slices, a column then a row convolution, summed
            SDVariable copies = asChannels;
            if (rank > 1) {
                final SDVariable[] same = new SDVariable[rank];
                java.util.Arrays.fill(same, asChannels);
                copies = sd.concat(1, same); // [1, r·B·C, Hp, Wp], channel i·B·C + b·C + c
            }
            final SDVariable cols = sd.placeHolder(POI_COLUMNS, DataType.FLOAT, kernels.poiHeight(), 1, -1, 1);
            final SDVariable rows = sd.placeHolder(POI_ROWS, DataType.FLOAT, 1, kernels.poiWidth(), -1, 1);
            final SDVariable byColumn = sd.cnn().depthWiseConv2d(copies, cols, Conv2DConfig.builder()
                .kH(kernels.poiHeight()).kW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
            final SDVariable byRow = sd.cnn().depthWiseConv2d(byColumn, rows, Conv2DConfig.builder()
                .kH(1).kW(kernels.poiWidth()).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
            signal = sd.reshape(byRow, sd.placeHolder(SHAPE_RBCHW, DataType.LONG, 5)).sum(0)
                .sum(SIGNAL, true, 1); // [B, 1, H, W]
        } else {
            final SDVariable poi = sd.placeHolder(POI, DataType.FLOAT, kernels.poiHeight(), kernels.poiWidth(), -1,
                1);
            final SDVariable perChannel = sd.cnn().depthWiseConv2d(asChannels, poi, Conv2DConfig.builder()
                .kH(kernels.poiHeight()).kW(kernels.poiWidth()).paddingMode(PaddingMode.VALID).dataFormat("NCHW")
                .build());
            signal = sd.reshape(perChannel, sd.placeHolder(SHAPE_BCHW, DataType.LONG, 4))
                .sum(SIGNAL, true, 1); // [B, 1, H, W]
        }

        SDVariable model = signal;
        if (seed != null) {
            SDVariable g = sd.reshape(seed, sd.placeHolder(SHAPE_SEED_SLICES, DataType.LONG, 3)); // [B, H, W]
            g = ForwardModelInputs.boxMean(kernels).apply(sd, g);
            final SDVariable bg = sd.reshape(BACKGROUND, g, sd.placeHolder(SHAPE_B1HW, DataType.LONG, 4));
            model = signal.add(bg);
        }
        final SDVariable residual = model.sub(x);
        final SDVariable fidelity = sd.math().square(residual).sum(1, 2, 3).mean(FIDELITY, 0);
        final SDVariable sparsity = masked.sum(1, 2, 3).mean(0).mul(SPARSITY, lambda);
        fidelity.add(LOSS, sparsity);
    }

    private static SDVariable convRelu(final SameDiff sd, final List<ParamSpec> params, final String name,
        final SDVariable in, final int cin, final int cout, final int kw) {
        final SDVariable w = param(sd, params, name + "_w", new long[] {3, kw, cin, cout}, 3 * kw * cin);
        final SDVariable b = param(sd, params, name + "_b", new long[] {cout}, 0);
        return sd.nn().relu(conv(sd, in, w, b, 3, kw), 0);
    }

    private static SDVariable conv(final SameDiff sd, final SDVariable in, final SDVariable w, final SDVariable b,
        final int kh, final int kw) {
        return sd.cnn().conv2d(in, w, b, Conv2DConfig.builder().kH(kh).kW(kw).paddingMode(PaddingMode.SAME)
            .dataFormat("NCHW").build());
    }

    private static SDVariable param(final SameDiff sd, final List<ParamSpec> params, final String name,
        final long[] shape, final int fanIn) {
        params.add(new ParamSpec(name, shape, fanIn));
        return sd.var(name, Nd4j.zeros(DataType.FLOAT, shape));
    }
}
