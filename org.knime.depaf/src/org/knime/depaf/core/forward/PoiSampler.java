package org.knime.depaf.core.forward;

import java.util.Arrays;
import java.util.Objects;

import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.VolumeInterpolator;

/**
 * Samples a POI stack between its nodes: sub-pixel shifted spots for re-synthesis and z-interpolated
 * kernels for amplitude estimation (§10).
 *
 * <p>The POI ({@code C × h_P × w_P}) is interpolated in 3-D with the model's interpolation method on the
 * stack padded by one voxel of edge replication (MATLAB {@code interp3} on {@code padarray(POI, [1 1 1],
 * 'replicate')}, via {@link VolumeInterpolator}). Coordinates are 0-based: the POI centre is
 * {@code ((h_P-1)/2, (w_P-1)/2)}, {@code z} is the fractional channel index.
 *
 * <p>Immutable and thread-safe.
 */
public final class PoiSampler {

    private final Poi poi;
    private final float[] values;
    private final VolumeInterpolator interpolator;
    private final float max;

    /**
     * @param poi the (upsampled, normalised) POI with all channels
     * @param method the model's interpolation method
     */
    public PoiSampler(final Poi poi, final Interpolation method) {
        this.poi = Objects.requireNonNull(poi, "poi");
        Objects.requireNonNull(method, "method");
        values = poi.values();
        interpolator = new VolumeInterpolator(values, poi.channels(), poi.height(), poi.width(), method);
        max = poi.max();
    }

    /** @return the POI */
    public Poi poi() {
        return poi;
    }

    /** @return number of channels C */
    public int channels() {
        return poi.channels();
    }

    /** @return POI height h_P */
    public int height() {
        return poi.height();
    }

    /** @return POI width w_P */
    public int width() {
        return poi.width();
    }

    /** @return the largest POI value over all channels, {@code max(P)} */
    public float max() {
        return max;
    }

    /** @return the interpolation method */
    public Interpolation method() {
        return interpolator.method();
    }

    /**
     * Samples the POI shifted by {@code +(dy, dx)} at channel coordinate {@code z}, renormalised to peak 1:
     * {@code out(i, j) = P(z, i - dy, j - dx) / max}. A spot whose samples are all ≤ 0 (which cannot happen
     * for a normalised POI and |shift| ≤ 0.5) is returned as all zeros instead of dividing by zero.
     *
     * @param dy row shift in POI pixels
     * @param dx column shift in POI pixels
     * @param z channel coordinate, 0-based (any value for a single-channel POI samples that channel)
     * @param out receives {@code h_P·w_P} values, row-major
     */
    public void shifted(final double dy, final double dx, final double z, final float[] out) {
        final int n = height() * width();
        interpolator.sampleGrid(channels() == 1 ? 0 : z, -dy, -dx, height(), width(), out);
        float peak = 0f;
        for (int i = 0; i < n; i++) {
            peak = Math.max(peak, out[i]);
        }
        if (!(peak > 0f)) {
            Arrays.fill(out, 0, n, 0f);
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] /= peak;
        }
    }

    /**
     * The POI interpolated along z at {@code z}, sampled at the xy nodes (not renormalised). For a
     * single-channel POI this is the POI itself, whatever {@code z}, as in the reference.
     *
     * @param z channel coordinate, 0-based
     * @param out receives {@code h_P·w_P} values, row-major
     */
    public void sliceAt(final double z, final float[] out) {
        if (channels() == 1) {
            System.arraycopy(values, 0, out, 0, height() * width());
        } else {
            interpolator.sampleGrid(z, 0, 0, height(), width(), out);
        }
    }
}
