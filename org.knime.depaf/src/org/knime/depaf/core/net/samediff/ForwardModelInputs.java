package org.knime.depaf.core.net.samediff;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.Objective;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes the placeholders of the forward model and loss ({@link DepafGraph#forwardModelAndLoss}) for a batch of
 * B patches of H × W and an {@link Objective}: channel mask, λ, the rotated POI tiled B times, the padding and box
 * matrices, and the reshape targets. Size-dependent arrays are cached per (H, W), objective arrays per objective
 * instance and batch size, so a training loop builds them only when something changes; arrays that drop out of
 * the cache are closed (their native memory freed at once). The arrays handed out stay valid until the next
 * {@link #put} or {@link #close}. Not thread-safe.
 */
final class ForwardModelInputs implements AutoCloseable {

    private static final int CACHE = 4;

    private final ForwardKernels kernels;
    private final boolean background;
    private final Map<Long, Map<String, INDArray>> bySize = lru(ForwardModelInputs::closeAll);
    private final Map<Integer, INDArray> tiledPoi = lru(SameDiffNetwork::closeQuietly);
    private Objective objective;
    private float[] rotatedPoi;
    /** With a separable POI: per term i and channel c the rotated column [i][c][h_P] and row [i][c][w_P]. */
    private float[][][] columns;
    private float[][][] rows;
    private INDArray mask;
    private INDArray lambda;

    ForwardModelInputs(final ForwardKernels kernels, final boolean background) {
        this.kernels = kernels;
        this.background = background;
    }

    private static <K, V> Map<K, V> lru(final Consumer<V> onEviction) {
        return new LinkedHashMap<>(8, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
                if (size() > CACHE) {
                    onEviction.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    private static void closeAll(final Map<String, INDArray> arrays) {
        arrays.values().forEach(SameDiffNetwork::closeQuietly);
    }

    /** Closes every cached array. */
    @Override
    public void close() {
        bySize.values().forEach(ForwardModelInputs::closeAll);
        bySize.clear();
        tiledPoi.values().forEach(SameDiffNetwork::closeQuietly);
        tiledPoi.clear();
        SameDiffNetwork.closeQuietly(mask);
        SameDiffNetwork.closeQuietly(lambda);
        mask = null;
        lambda = null;
        objective = null;
    }

    /** The reflect padding of A before the POI convolution. */
    static SeparableMap poiPadding(final ForwardKernels k) {
        return new SeparableMap("poiPad", k.poiHeight() > 1, k.poiWidth() > 1);
    }

    /** The box mean of G with reflect padding. */
    static SeparableMap boxMean(final ForwardKernels k) {
        return new SeparableMap("box", k.boxHeight() > 1, k.boxWidth() > 1);
    }

    /**
     * Puts every forward-model placeholder for B patches of H × W.
     *
     * @param ph the placeholder map to fill
     * @param obj mask, POI and λ; compatibility with the kernels is checked when the instance changes
     */
    void put(final Map<String, INDArray> ph, final Objective obj, final int b, final int h, final int w) {
        if (obj != objective) {
            obj.requireCompatible(kernels);
            SameDiffNetwork.closeQuietly(mask);
            SameDiffNetwork.closeQuietly(lambda);
            mask = Nd4j.create(obj.channelMask(), new long[] {1, kernels.channels(), 1, 1}, DataType.FLOAT);
            lambda = Nd4j.scalar(DataType.FLOAT, (float)obj.lambda());
            if (kernels.separableRank() > 0) {
                separate(obj.poi());
            } else {
                rotatedPoi = rotate(obj.poi());
            }
            tiledPoi.values().forEach(SameDiffNetwork::closeQuietly);
            tiledPoi.clear();
            objective = obj;
        }
        ph.put(DepafGraph.MASK, mask);
        ph.put(DepafGraph.LAMBDA, lambda);
        if (kernels.separableRank() > 0) {
            ph.put(DepafGraph.POI_COLUMNS, tiledPoi.computeIfAbsent(b, n -> tileTerms(columns, n,
                kernels.poiHeight(), true)));
            ph.put(DepafGraph.POI_ROWS, tiledPoi.computeIfAbsent(-b, n -> tileTerms(rows, -n, kernels.poiWidth(),
                false)));
        } else {
            ph.put(DepafGraph.POI, tiledPoi.computeIfAbsent(b, this::tile));
        }
        ph.putAll(bySize.computeIfAbsent(((long)h << 32) | w, key -> sizeInputs(h, w)));
    }

    /** POI as cross-correlation kernel, interleaved [h_P, w_P, C]: rotated by 180° so that the graph convolves. */
    private float[] rotate(final float[] poi) {
        final int c = kernels.channels();
        final int ph = kernels.poiHeight();
        final int pw = kernels.poiWidth();
        final float[] k = new float[poi.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    k[((ph - 1 - y) * pw + (pw - 1 - x)) * c + ch] = poi[(ch * ph + y) * pw + x];
                }
            }
        }
        return k;
    }

    /** The separable terms of each slice, rotated by 180° (both the column and the row reversed). */
    private void separate(final float[] poi) {
        final int r = kernels.separableRank();
        final int c = kernels.channels();
        final int ph = kernels.poiHeight();
        final int pw = kernels.poiWidth();
        columns = new float[r][c][ph];
        rows = new float[r][c][pw];
        for (int ch = 0; ch < c; ch++) {
            final double[][][] t = org.knime.depaf.core.poi.SeparablePoi.terms(poi, ch, ph, pw, r);
            for (int i = 0; i < r; i++) {
                for (int y = 0; y < ph; y++) {
                    columns[i][ch][ph - 1 - y] = (float)t[0][i][y];
                }
                for (int x = 0; x < pw; x++) {
                    rows[i][ch][pw - 1 - x] = (float)t[1][i][x];
                }
            }
        }
    }

    /** A column [h_P, 1, r·B·C, 1] or row [1, w_P, r·B·C, 1] kernel: channel i·B·C + b·C + c holds term i of P_c. */
    private INDArray tileTerms(final float[][][] terms, final int b, final int taps, final boolean column) {
        final int r = terms.length;
        final int c = kernels.channels();
        final int n = Math.multiplyExact(r, b * c);
        final float[] t = new float[Math.multiplyExact(taps, n)];
        for (int k = 0; k < taps; k++) {
            for (int i = 0; i < r; i++) {
                for (int bb = 0; bb < b; bb++) {
                    for (int ch = 0; ch < c; ch++) {
                        t[k * n + (i * b + bb) * c + ch] = terms[i][ch][k];
                    }
                }
            }
        }
        return Nd4j.create(t, column ? new long[] {taps, 1, n, 1} : new long[] {1, taps, n, 1}, DataType.FLOAT);
    }

    /** The depthwise kernel [h_P, w_P, B·C, 1]: channel b·C + c holds the rotated P_c. */
    private INDArray tile(final int b) {
        final int c = kernels.channels();
        final int taps = kernels.poiHeight() * kernels.poiWidth();
        final float[] t = new float[Math.multiplyExact(taps, b * c)];
        for (int k = 0; k < taps; k++) {
            for (int i = 0; i < b; i++) {
                System.arraycopy(rotatedPoi, k * c, t, (k * b + i) * c, c);
            }
        }
        return Nd4j.create(t, new long[] {kernels.poiHeight(), kernels.poiWidth(), (long)b * c, 1}, DataType.FLOAT);
    }

    private Map<String, INDArray> sizeInputs(final int h, final int w) {
        final Map<String, INDArray> m = new HashMap<>();
        final int py = (kernels.poiHeight() - 1) / 2;
        final int px = (kernels.poiWidth() - 1) / 2;
        final int hp = h + 2 * py;
        final int wp = w + 2 * px;
        poiPadding(kernels).feed(m, h, w, SeparableMap.reflectPadMatrix(h, py), hp, SeparableMap.reflectPadMatrix(w,
            px), wp);
        m.put(DepafGraph.SHAPE_SLICES, Nd4j.createFromArray(-1L, h, w));
        m.put(DepafGraph.SHAPE_AS_CHANNELS, Nd4j.createFromArray(1L, -1L, hp, wp));
        if (kernels.separableRank() > 0) {
            m.put(DepafGraph.SHAPE_RBCHW, Nd4j.createFromArray((long)kernels.separableRank(), -1L,
                kernels.channels(), h, w));
        } else {
            m.put(DepafGraph.SHAPE_BCHW, Nd4j.createFromArray(-1L, kernels.channels(), h, w));
        }
        if (background) {
            boxMean(kernels).feed(m, h, w, SeparableMap.boxMeanMatrix(h, kernels.boxHeight()), h,
                SeparableMap.boxMeanMatrix(w, kernels.boxWidth()), w);
            m.put(DepafGraph.SHAPE_SEED_SLICES, Nd4j.createFromArray(-1L, h, w));
            m.put(DepafGraph.SHAPE_B1HW, Nd4j.createFromArray(-1L, 1L, h, w));
        }
        return m;
    }
}
