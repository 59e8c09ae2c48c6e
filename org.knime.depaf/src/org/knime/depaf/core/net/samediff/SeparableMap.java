package org.knime.depaf.core.net.samediff;

import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear map applied separately along rows and columns of N slices: {@code Y_n = R · X_n · Cᵀ}, [N, H, W] →
 * [N, H', W'], with R (H' × H) and C (W' × W) given per call as placeholders (they depend on the patch size).
 *
 * <p>Reflect padding and the reflect-padded box mean are such maps; as two small matrix products they were 2× (pad)
 * and 6× (box) faster here than ND4J's pad op and average pooling, forward and backward, and they need no pad op
 * for the box at all. Either axis can be left out (identity), e.g. the columns of 1-D data.
 */
final class SeparableMap {

    private final String name;
    private final boolean rows;
    private final boolean cols;

    /**
     * @param name prefix of this map's placeholders
     * @param rows whether the map acts on rows (along H)
     * @param cols whether the map acts on columns (along W)
     */
    SeparableMap(final String name, final boolean rows, final boolean cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
    }

    /** Adds the map to the graph: x is [N, H, W], the result [N, H', W']. */
    SDVariable apply(final SameDiff sd, final SDVariable x) {
        SDVariable y = x;
        if (cols) {
            final SDVariable colsT = sd.placeHolder(name + "ColsT", DataType.FLOAT, -1, -1);
            y = sd.reshape(y, shape(sd, "ShapeA", 2)); // [N·H, W]
            y = sd.mmul(y, colsT); // [N·H, W']
            y = sd.reshape(y, shape(sd, "ShapeB", 3)); // [N, H, W']
        }
        if (rows) {
            final SDVariable rowsT = sd.placeHolder(name + "RowsT", DataType.FLOAT, -1, -1);
            y = y.permute(0, 2, 1); // [N, W', H]
            y = sd.reshape(y, shape(sd, "ShapeC", 2)); // [N·W', H]
            y = sd.mmul(y, rowsT); // [N·W', H']
            y = sd.reshape(y, shape(sd, "ShapeD", 3)); // [N, W', H']
            y = y.permute(0, 2, 1); // [N, H', W']
        }
        return y;
    }

    private SDVariable shape(final SameDiff sd, final String which, final int rank) {
        return sd.placeHolder(name + which, DataType.LONG, rank);
    }

    /**
     * Puts this map's placeholders for slices of h × w.
     *
     * @param ph placeholder map to fill
     * @param h input height H
     * @param w input width W
     * @param rowMatrix R, H' × H row-major (ignored if the map does not act on rows; then H' = H)
     * @param outH H'
     * @param colMatrix C, W' × W row-major (ignored if the map does not act on columns; then W' = W)
     * @param outW W'
     */
    void feed(final Map<String, INDArray> ph, final int h, final int w, final float[] rowMatrix, final int outH,
        final float[] colMatrix, final int outW) {
        final int wo = cols ? outW : w;
        if (cols) {
            ph.put(name + "ColsT", Nd4j.create(transpose(colMatrix, outW, w), new long[] {w, outW}, DataType.FLOAT));
            ph.put(name + "ShapeA", Nd4j.createFromArray(-1L, w));
            ph.put(name + "ShapeB", Nd4j.createFromArray(-1L, h, outW));
        }
        if (rows) {
            ph.put(name + "RowsT", Nd4j.create(transpose(rowMatrix, outH, h), new long[] {h, outH}, DataType.FLOAT));
            ph.put(name + "ShapeC", Nd4j.createFromArray(-1L, h));
            ph.put(name + "ShapeD", Nd4j.createFromArray(-1L, wo, outH));
        }
    }

    private static float[] transpose(final float[] m, final int rows, final int cols) {
        final float[] t = new float[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    /**
     * @param n input length, ≥ p + 1
     * @param p padding on each side
     * @return the (n + 2p) × n matrix of reflect padding (mirror without repeating the edge sample)
     */
    static float[] reflectPadMatrix(final int n, final int p) {
        final int m = n + 2 * p;
        final float[] r = new float[m * n];
        for (int i = 0; i < m; i++) {
            r[i * n + reflect(i - p, n)] = 1f;
        }
        return r;
    }

    /**
     * @param n length, ≥ (k − 1)/2 + 1
     * @param k odd box length
     * @return the n × n matrix of the mean over k samples centred on each sample, after reflect padding
     */
    static float[] boxMeanMatrix(final int n, final int k) {
        final int p = (k - 1) / 2;
        final float[] m = new float[n * n];
        final float weight = 1f / k;
        for (int i = 0; i < n; i++) {
            for (int t = -p; t <= p; t++) {
                m[i * n + reflect(i + t, n)] += weight;
            }
        }
        return m;
    }

    private static int reflect(final int i, final int n) {
        if (n == 1) {
            return 0;
        }
        final int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        if (j >= n) {
            j = period - j;
        }
        return j;
    }
}
