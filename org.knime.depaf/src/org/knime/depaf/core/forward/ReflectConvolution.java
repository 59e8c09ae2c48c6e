package org.knime.depaf.core.forward;

import java.util.Objects;

/**
 * "Same"-size 2-D convolutions with reflect padding: the fixed-kernel operations of DEPAF's forward model
 * (depaf-method.md §1, §6, §18).
 *
 * <p><b>Convention.</b> {@link #convolveReflect} is a <em>true</em> convolution: the output is the
 * cross-correlation of the padded image with the kernel rotated by 180°. For an odd kernel of size
 * {@code kh × kw} with half-sizes {@code ry = (kh-1)/2}, {@code rx = (kw-1)/2},
 *
 * <pre>
 *   out(y, x) = Σ_{a=-ry..ry} Σ_{b=-rx..rx} pad(y + a, x + b) · K(ry - a, rx - b)
 * </pre>
 *
 * so a unit delta at {@code (y0, x0)} produces the kernel itself (not flipped) centred at {@code (y0, x0)}:
 * {@code out(y0 + dy, x0 + dx) = K(ry + dy, rx + dx)}.
 *
 * <p><b>Padding.</b> {@code pad} is the image extended by {@code ry} rows and {@code rx} columns on each side
 * by <em>reflection without repeating the edge pixel</em> (NumPy/ND4J {@code REFLECT}, MATLAB
 * {@code 'symmetric-exclude-edge'}): index −1 reads 1, index n reads n−2. This requires the half-size to be
 * smaller than the image size along each axis; otherwise an {@link IllegalArgumentException} is thrown.
 * Kernel sizes must be odd (DEPAF's POIs and box kernels are odd by construction, §3.1, §4).
 *
 * <p><b>Algorithm and cost.</b> The convolution is computed by scattering: every <em>non-zero</em> pixel of
 * the padded image adds its value times the kernel to the output window it influences. Zero pixels cost
 * nothing, so sparse amplitude maps (a few hundred non-zero pixels, as produced by detection re-synthesis
 * or by simulated splats) convolve in microseconds, while a dense map costs {@code h·w·kh·kw}
 * multiply-adds (about 0.1 s for 256² with a 45 × 45 kernel). The inner loop runs along a kernel row and an
 * output row, both contiguous. Results are accumulated in {@code float}; the order of summation is fixed, so
 * results are deterministic.
 *
 * <p><b>Arrays.</b> Images are row-major {@code float[]} (index {@code y·w + x}); multi-channel maps and
 * kernels are channel-major. All methods are static, allocate only their output and a padded copy, and are
 * thread-safe for distinct output arrays.
 */
public final class ReflectConvolution {

    private ReflectConvolution() {
    }

    /**
     * True 2-D convolution with reflect padding, "same" output size.
     *
     * @param image row-major pixels, {@code h·w} values
     * @param h image height (rows), ≥ 1
     * @param w image width (columns), ≥ 1
     * @param kernel row-major kernel, {@code kh·kw} values
     * @param kh kernel height, odd, with {@code (kh-1)/2 < h}
     * @param kw kernel width, odd, with {@code (kw-1)/2 < w}
     * @return a new {@code h·w} array
     * @throws IllegalArgumentException if sizes are inconsistent or the kernel does not fit (message names
     *             the sizes)
     */
    public static float[] convolveReflect(final float[] image, final int h, final int w, final float[] kernel,
        final int kh, final int kw) {
        checkImage(image, 0, 1, h, w, "image");
        checkKernel(kernel, 0, 1, kh, kw, h, w, "kernel");
        final float[] out = new float[h * w];
        addConvolution(image, 0, h, w, kernel, 0, kh, kw, out, 0, new float[paddedSize(h, w, kh, kw)]);
        return out;
    }

    /**
     * Per-channel (depthwise) convolution: channel {@code c} of the maps is convolved with kernel {@code c}.
     *
     * @param maps channel-major maps, {@code channels·h·w} values (e.g. the amplitude maps A)
     * @param channels number of channels C, ≥ 1
     * @param h map height
     * @param w map width
     * @param kernels channel-major kernels, {@code channels·kh·kw} values (e.g. the POI slices)
     * @param kh kernel height, odd, half-size smaller than h
     * @param kw kernel width, odd, half-size smaller than w
     * @return a new channel-major array of {@code channels·h·w} values, {@code D_c = A_c ⊛ P_c}
     */
    public static float[] convolveChannels(final float[] maps, final int channels, final int h, final int w,
        final float[] kernels, final int kh, final int kw) {
        checkImage(maps, 0, channels, h, w, "maps");
        checkKernel(kernels, 0, channels, kh, kw, h, w, "kernels");
        final float[] out = new float[channels * h * w];
        final float[] padded = new float[paddedSize(h, w, kh, kw)];
        for (int c = 0; c < channels; c++) {
            addConvolution(maps, c * h * w, h, w, kernels, c * kh * kw, kh, kw, out, c * h * w, padded);
        }
        return out;
    }

    /**
     * Sum over channels of the per-channel convolutions: {@code Dsum = Σ_c A_c ⊛ P_c}, the noise-free signal
     * estimate ("IDenoised").
     *
     * @param maps channel-major maps, {@code channels·h·w} values
     * @param channels number of channels C, ≥ 1
     * @param h map height
     * @param w map width
     * @param kernels channel-major kernels, {@code channels·kh·kw} values
     * @param kh kernel height, odd, half-size smaller than h
     * @param kw kernel width, odd, half-size smaller than w
     * @return a new {@code h·w} array
     */
    public static float[] convolveChannelsSum(final float[] maps, final int channels, final int h, final int w,
        final float[] kernels, final int kh, final int kw) {
        checkImage(maps, 0, channels, h, w, "maps");
        checkKernel(kernels, 0, channels, kh, kw, h, w, "kernels");
        final float[] out = new float[h * w];
        final float[] padded = new float[paddedSize(h, w, kh, kw)];
        for (int c = 0; c < channels; c++) {
            addConvolution(maps, c * h * w, h, w, kernels, c * kh * kw, kh, kw, out, 0, padded);
        }
        return out;
    }

    /**
     * Uniform box filter with reflect padding, "same" size: {@code BG = G ⊛ B_k} for a box kernel whose
     * entries are all {@code 1/(bh·bw)} (§4). Computed separably with running sums in {@code double}, so the
     * cost does not depend on the box size.
     *
     * @param image row-major pixels (e.g. the background seed map G), {@code h·w} values
     * @param h image height
     * @param w image width
     * @param bh box height, odd, half-size smaller than h
     * @param bw box width, odd, half-size smaller than w
     * @return a new {@code h·w} array
     */
    public static float[] boxBackground(final float[] image, final int h, final int w, final int bh,
        final int bw) {
        checkImage(image, 0, 1, h, w, "image");
        checkKernelSize(bh, bw, h, w, "box");
        final int ry = (bh - 1) / 2;
        final int rx = (bw - 1) / 2;
        // Horizontal pass: window sums along each row, into a column-padded buffer of h + 2ry rows so the
        // vertical pass can read reflected rows directly.
        final double[] rows = new double[h * w];
        final double[] line = new double[w + 2 * rx];
        for (int y = 0; y < h; y++) {
            final int off = y * w;
            for (int p = 0; p < line.length; p++) {
                line[p] = image[off + reflect(p - rx, w)];
            }
            double s = 0;
            for (int p = 0; p < bw; p++) {
                s += line[p];
            }
            rows[off] = s;
            for (int x = 1; x < w; x++) {
                s += line[x + bw - 1] - line[x - 1];
                rows[off + x] = s;
            }
        }
        final float[] out = new float[h * w];
        final double norm = 1.0 / ((double)bh * bw);
        final double[] col = new double[h + 2 * ry];
        for (int x = 0; x < w; x++) {
            for (int p = 0; p < col.length; p++) {
                col[p] = rows[reflect(p - ry, h) * w + x];
            }
            double s = 0;
            for (int p = 0; p < bh; p++) {
                s += col[p];
            }
            out[x] = (float)(s * norm);
            for (int y = 1; y < h; y++) {
                s += col[y + bh - 1] - col[y - 1];
                out[y * w + x] = (float)(s * norm);
            }
        }
        return out;
    }

    /**
     * Reflects an index into [0, n) without repeating the edge (−1 → 1, n → n−2). Valid for indices in
     * [−(n−1), 2n−2].
     *
     * @param i index, possibly outside [0, n)
     * @param n axis length, ≥ 1
     * @return the reflected index
     */
    public static int reflect(final int i, final int n) {
        if (i < 0) {
            return -i;
        }
        if (i >= n) {
            return 2 * (n - 1) - i;
        }
        return i;
    }

    /**
     * Checks that an odd {@code kh × kw} kernel fits an {@code h × w} image for reflect padding.
     *
     * @param kh kernel height
     * @param kw kernel width
     * @param h image height
     * @param w image width
     * @param what name of the kernel for the message (e.g. "POI")
     * @throws IllegalArgumentException if a size is not odd or a half-size is not smaller than the image size
     */
    public static void checkKernelSize(final int kh, final int kw, final int h, final int w, final String what) {
        if (kh < 1 || kw < 1 || kh % 2 == 0 || kw % 2 == 0) {
            throw new IllegalArgumentException(what + " size " + kh + " × " + kw
                + " is not valid: height and width must be odd and positive");
        }
        if ((kh - 1) / 2 >= h || (kw - 1) / 2 >= w) {
            throw new IllegalArgumentException(what + " size " + kh + " × " + kw + " is too large for the image "
                + h + " × " + w + ": reflect padding needs the half-size (" + (kh - 1) / 2 + " × " + (kw - 1) / 2
                + ") to be smaller than the image size");
        }
    }

    /**
     * Adds the convolution of one image with one kernel to {@code out}: the core scatter loop.
     *
     * @param padded scratch of at least {@code (h + kh - 1)·(w + kw - 1)} floats
     */
    static void addConvolution(final float[] image, final int imageOff, final int h, final int w,
        final float[] kernel, final int kernelOff, final int kh, final int kw, final float[] out, final int outOff,
        final float[] padded) {
        final int ry = (kh - 1) / 2;
        final int rx = (kw - 1) / 2;
        final int ph = h + 2 * ry;
        final int pw = w + 2 * rx;
        for (int py = 0; py < ph; py++) {
            final int src = imageOff + reflect(py - ry, h) * w;
            final int dst = py * pw;
            for (int px = 0; px < pw; px++) {
                padded[dst + px] = image[src + reflect(px - rx, w)];
            }
        }
        // Padded pixel (py, px) sits at image coordinate (py - ry, px - rx) and, by the definition above,
        // adds v·K(ry + y - (py - ry), rx + x - (px - rx)) = v·K(y - py + 2ry, x - px + 2rx) to out(y, x)
        // for |y - (py - ry)| <= ry, |x - (px - rx)| <= rx.
        for (int py = 0; py < ph; py++) {
            final int yLo = Math.max(0, py - 2 * ry);
            final int yHi = Math.min(h - 1, py);
            for (int px = 0; px < pw; px++) {
                final float v = padded[py * pw + px];
                if (v == 0f) {
                    continue;
                }
                final int xLo = Math.max(0, px - 2 * rx);
                final int xHi = Math.min(w - 1, px);
                final int kxShift = 2 * rx - px;
                for (int y = yLo; y <= yHi; y++) {
                    final int kRow = kernelOff + (y - py + 2 * ry) * kw + kxShift;
                    final int oRow = outOff + y * w;
                    for (int x = xLo; x <= xHi; x++) {
                        out[oRow + x] += v * kernel[kRow + x];
                    }
                }
            }
        }
    }

    static int paddedSize(final int h, final int w, final int kh, final int kw) {
        return (h + kh - 1) * (w + kw - 1);
    }

    private static void checkImage(final float[] image, final int off, final int channels, final int h,
        final int w, final String what) {
        Objects.requireNonNull(image, what);
        if (channels < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException(what + ": need at least one channel of at least 1 × 1 pixels, got "
                + channels + " × " + h + " × " + w);
        }
        if ((long)channels * h * w != image.length - off) {
            throw new IllegalArgumentException(what + ": expected " + (long)channels * h * w + " values for "
                + channels + " × " + h + " × " + w + ", got " + (image.length - off));
        }
    }

    private static void checkKernel(final float[] kernel, final int off, final int channels, final int kh,
        final int kw, final int h, final int w, final String what) {
        Objects.requireNonNull(kernel, what);
        checkKernelSize(kh, kw, h, w, what);
        if ((long)channels * kh * kw != kernel.length - off) {
            throw new IllegalArgumentException(what + ": expected " + (long)channels * kh * kw + " values for "
                + channels + " kernels of " + kh + " × " + kw + ", got " + (kernel.length - off));
        }
    }
}
