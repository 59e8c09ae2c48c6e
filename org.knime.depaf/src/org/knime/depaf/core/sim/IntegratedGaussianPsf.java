package org.knime.depaf.core.sim;

import org.knime.depaf.core.loc.GaussianIntegral;

/**
 * A Gaussian PSF integrated over each pixel with the error function (the model ThunderSTORM and most fitters
 * assume): pixel (i, j) gets the Gaussian mass of [i − ½, i + ½] × [j − ½, j + ½].
 *
 * <p>Optionally astigmatic (the usual 3-D model): σx(z) = σ0 √(1 + ((z − c)/d)²) and
 * σy(z) = σ0 √(1 + ((z + c)/d)²) with focal offset c and depth d in nm. The spot is drawn within 5σ of its
 * centre (mass outside &lt; 10⁻⁶). Immutable, thread-safe.
 */
public final class IntegratedGaussianPsf implements Psf {

    private final double sigmaPx;
    private final double pixelSizeNm;
    private final double focalOffsetNm;
    private final double depthNm;

    /**
     * An in-focus (2-D) Gaussian PSF.
     *
     * @param sigmaPx standard deviation in camera pixels, &gt; 0
     * @param pixelSizeNm camera pixel size in nm (for {@link #sigmaNm}), NaN when unknown
     */
    public IntegratedGaussianPsf(final double sigmaPx, final double pixelSizeNm) {
        this(sigmaPx, pixelSizeNm, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * An astigmatic Gaussian PSF.
     *
     * @param sigmaPx in-focus standard deviation σ0 in pixels, &gt; 0
     * @param pixelSizeNm camera pixel size in nm
     * @param focalOffsetNm c: the x and y foci sit at z = +c and z = −c (nm)
     * @param depthNm d: the defocus over which σ grows by √2 (nm), &gt; 0; infinite for a 2-D PSF
     */
    public IntegratedGaussianPsf(final double sigmaPx, final double pixelSizeNm, final double focalOffsetNm,
        final double depthNm) {
        if (!(sigmaPx > 0) || Double.isInfinite(sigmaPx)) {
            throw new IllegalArgumentException("PSF sigma must be a finite number of pixels > 0, got " + sigmaPx);
        }
        if (!(depthNm > 0) || !Double.isFinite(focalOffsetNm)) {
            throw new IllegalArgumentException("Astigmatism depth must be > 0 nm and the focal offset finite, got "
                + "depth " + depthNm + " nm, offset " + focalOffsetNm + " nm");
        }
        this.sigmaPx = sigmaPx;
        this.pixelSizeNm = pixelSizeNm;
        this.focalOffsetNm = focalOffsetNm;
        this.depthNm = depthNm;
    }

    /** @return σx at z, in pixels */
    public double sigmaXPx(final double zNm) {
        return widen(zNm - focalOffsetNm);
    }

    /** @return σy at z, in pixels */
    public double sigmaYPx(final double zNm) {
        return widen(zNm + focalOffsetNm);
    }

    private double widen(final double dz) {
        if (Double.isInfinite(depthNm) || Double.isNaN(dz)) {
            return sigmaPx;
        }
        final double r = dz / depthNm;
        return sigmaPx * Math.sqrt(1 + r * r);
    }

    /** @return √(σx·σy) at z in nm (the in-focus σ for a 2-D PSF) */
    @Override
    public double sigmaNm(final double zNm) {
        return Math.sqrt(sigmaXPx(zNm) * sigmaYPx(zNm)) * pixelSizeNm;
    }

    @Override
    public boolean is3d() {
        return Double.isFinite(depthNm);
    }

    @Override
    public void addTo(final float[] frame, final int offset, final int width, final int height, final double xPx,
        final double yPx, final double zNm, final double photons) {
        final double sx = sigmaXPx(zNm);
        final double sy = sigmaYPx(zNm);
        final int x0 = Math.max(0, (int)Math.floor(xPx - 5 * sx));
        final int x1 = Math.min(width - 1, (int)Math.ceil(xPx + 5 * sx));
        final int y0 = Math.max(0, (int)Math.floor(yPx - 5 * sy));
        final int y1 = Math.min(height - 1, (int)Math.ceil(yPx + 5 * sy));
        if (x0 > x1 || y0 > y1) {
            return;
        }
        // one small pair of arrays per emitter, not per pixel
        final double[] mx = new double[x1 - x0 + 1];
        final double[] my = new double[y1 - y0 + 1];
        GaussianIntegral.pixelMasses(xPx, sx, x0, mx, mx.length);
        GaussianIntegral.pixelMasses(yPx, sy, y0, my, my.length);
        for (int y = y0; y <= y1; y++) {
            final double wy = photons * my[y - y0];
            final int row = offset + y * width;
            for (int x = x0; x <= x1; x++) {
                frame[row + x] += (float)(wy * mx[x - x0]);
            }
        }
    }

    @Override
    public String toString() {
        return "integrated Gaussian PSF σ = " + sigmaPx + " px" + (is3d() ? ", astigmatic c = " + focalOffsetNm
            + " nm, d = " + depthNm + " nm" : "");
    }
}
