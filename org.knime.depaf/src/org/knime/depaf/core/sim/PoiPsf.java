package org.knime.depaf.core.sim;

import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.VolumeInterpolator;

/**
 * A PSF rendered from a POI: a 2-D pattern, or a z-stack from which an emitter at z gets the slice interpolated
 * at z.
 *
 * <p>Geometry: the POI's centre ((width − 1)/2, (height − 1)/2) sits on the emitter; one POI pixel is
 * {@code poiPixelNm} nm, the camera pixel {@code cameraPixelNm} nm. Slice c of a z-stack is at
 * z = (c − (channels − 1)/2) · zStep (the middle slice is the focal plane); emitters beyond the stack use its
 * end slices. Each camera pixel averages {@code k × k} spline-interpolated samples of the POI (k = the number
 * of POI pixels per camera pixel, rounded up), negative values count as 0, and the footprint is normalised to
 * unit sum, so the emitter's photons are conserved (except what falls outside the frame).
 * Immutable and thread-safe.
 */
public final class PoiPsf implements Psf {

    private final VolumeInterpolator volume;
    private final int channels;
    private final int height;
    private final int width;
    private final double zStepNm;
    /** POI pixels per camera pixel */
    private final double scale;
    private final int sub;
    private final int radius;

    /**
     * @param poi the pattern (2-D or z-stack)
     * @param poiPixelNm POI pixel size in nm, &gt; 0
     * @param cameraPixelNm camera pixel size in nm, &gt; 0
     */
    public PoiPsf(final Poi poi, final double poiPixelNm, final double cameraPixelNm) {
        if (!(poiPixelNm > 0) || !(cameraPixelNm > 0) || Double.isInfinite(poiPixelNm)
            || Double.isInfinite(cameraPixelNm)) {
            throw new IllegalArgumentException("POI and camera pixel sizes must be finite numbers of nm > 0, got "
                + poiPixelNm + " and " + cameraPixelNm);
        }
        if (poi.kind() == Poi.Kind.TRACE_1D) {
            throw new IllegalArgumentException(poi.source() + ": a 1-D POI cannot be a PSF");
        }
        if (poi.kind() == Poi.Kind.Z_STACK && poi.channels() > 1 && !(poi.zStepNm() > 0)) {
            throw new IllegalArgumentException(poi.source() + ": a z-stack PSF needs its z step in nm, got "
                + poi.zStepNm());
        }
        if (poi.kind() == Poi.Kind.PATTERN_2D && poi.channels() != 1) {
            throw new IllegalArgumentException(poi.source() + ": a 2-D pattern must have one channel, got "
                + poi.channels());
        }
        this.channels = poi.channels();
        this.height = poi.height();
        this.width = poi.width();
        this.zStepNm = poi.zStepNm();
        this.scale = cameraPixelNm / poiPixelNm;
        this.sub = Math.max(1, (int)Math.ceil(scale - 1e-9));
        this.radius = (int)Math.ceil((Math.max(width, height) - 1) / 2.0 / scale) + 1;
        final float[] v = poi.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        volume = new VolumeInterpolator(v, channels, height, width, Interpolation.SPLINE);
    }

    /**
     * A POI PSF with the POI's own pixel size, or the camera's when the POI does not say.
     */
    public static PoiPsf of(final Poi poi, final double cameraPixelNm) {
        final double p = poi.pixelSizeNm() > 0 ? poi.pixelSizeNm() : cameraPixelNm;
        return new PoiPsf(poi, p, cameraPixelNm);
    }

    @Override
    public boolean is3d() {
        return channels > 1;
    }

    @Override
    public void addTo(final float[] frame, final int offset, final int w, final int h, final double xPx,
        final double yPx, final double zNm, final double photons) {
        final double c = channels == 1 ? 0
            : Math.max(0, Math.min(channels - 1, zNm / zStepNm + (channels - 1) / 2.0));
        final int cx = (int)Math.round(xPx);
        final int cy = (int)Math.round(yPx);
        final int n = 2 * radius + 1;
        final double[] weights = new double[n * n];
        final double u0 = (width - 1) / 2.0;
        final double v0 = (height - 1) / 2.0;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            final int py = cy - radius + j;
            for (int i = 0; i < n; i++) {
                final int px = cx - radius + i;
                double acc = 0;
                for (int b = 0; b < sub; b++) {
                    final double sy = py - 0.5 + (b + 0.5) / sub;
                    final double v = v0 + (sy - yPx) * scale;
                    for (int a = 0; a < sub; a++) {
                        final double sx = px - 0.5 + (a + 0.5) / sub;
                        acc += Math.max(0, volume.value(c, v, u0 + (sx - xPx) * scale));
                    }
                }
                weights[j * n + i] = acc;
                sum += acc;
            }
        }
        if (!(sum > 0)) {
            return;
        }
        final double k = photons / sum;
        for (int j = 0; j < n; j++) {
            final int py = cy - radius + j;
            if (py < 0 || py >= h) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                final int px = cx - radius + i;
                if (px >= 0 && px < w) {
                    frame[offset + py * w + px] += (float)(weights[j * n + i] * k);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "POI PSF " + channels + " × " + height + " × " + width + ", " + scale + " POI px per camera px";
    }
}
