package org.knime.depaf.core.poi;

import java.util.Locale;

/**
 * An astigmatic Gaussian z-stack for 3-D tests and simulations ({@link Poi.Kind#Z_STACK}).
 *
 * <p>Slice k (0-based, of Z) is at height z_k = (k − (Z − 1)/2)·zStep nm relative to the focus. Its spot is a
 * pixel-integrated, unit-mass Gaussian at the centre pixel with
 * σ_x(z) = σ0·sqrt(1 + ((z − c)/d)²) and σ_y(z) = σ0·sqrt(1 + ((z + c)/d)²): x is in focus at z = c, y at z = −c,
 * both equally wide at z = 0. Slices keep unit mass, so defocused slices have lower peaks, like a real PSF.
 */
public final class AstigmaticPoi {

    private final double sigma0;
    private final double focalOffsetNm;
    private final double depthNm;

    /**
     * @param sigma0Px in-focus standard deviation in pixels, &gt; 0
     * @param focalOffsetNm c, half the distance between the x and y foci in nm (any finite value)
     * @param depthNm d, the focal depth in nm, &gt; 0
     */
    public AstigmaticPoi(final double sigma0Px, final double focalOffsetNm, final double depthNm) {
        this.sigma0 = GaussianPoi.requirePositive(sigma0Px, "astigmatic sigma0 (pixels)");
        if (!Double.isFinite(focalOffsetNm)) {
            throw new IllegalArgumentException("The astigmatic focal offset (nm) must be finite, got "
                + focalOffsetNm);
        }
        this.focalOffsetNm = focalOffsetNm;
        this.depthNm = GaussianPoi.requirePositive(depthNm, "astigmatic focal depth (nm)");
    }

    /** @return σ_x at height z (nm), pixels */
    public double sigmaX(final double zNm) {
        final double u = (zNm - focalOffsetNm) / depthNm;
        return sigma0 * Math.sqrt(1 + u * u);
    }

    /** @return σ_y at height z (nm), pixels */
    public double sigmaY(final double zNm) {
        final double u = (zNm + focalOffsetNm) / depthNm;
        return sigma0 * Math.sqrt(1 + u * u);
    }

    /**
     * Adds a spot at height z to an image (for simulated bead stacks and frames).
     *
     * @see GaussianPoi#render
     */
    public void render(final float[] image, final int height, final int width, final double cy, final double cx,
        final double zNm, final double amplitude) {
        GaussianPoi.render(image, height, width, cy, cx, sigmaY(zNm), sigmaX(zNm), amplitude,
            GaussianPoi.Sampling.PIXEL_INTEGRATED);
    }

    /**
     * @param slices number of z slices, ≥ 1
     * @param zStepNm slice spacing in nm, &gt; 0
     * @param size odd side length; 0 for 2·ceil(3·largest σ in the stack) + 1
     * @param pixelSizeNm lateral pixel size in nm, or NaN
     * @return the stack, slice 0 at the lowest z
     */
    public Poi zStack(final int slices, final double zStepNm, final int size, final double pixelSizeNm) {
        if (slices < 1) {
            throw new IllegalArgumentException("The number of z slices must be at least 1, got " + slices);
        }
        GaussianPoi.requirePositive(zStepNm, "z step (nm)");
        double maxSigma = 0;
        for (int k = 0; k < slices; k++) {
            final double z = zOf(k, slices, zStepNm);
            maxSigma = Math.max(maxSigma, Math.max(sigmaX(z), sigmaY(z)));
        }
        final int s = size == 0 ? GaussianPoi.checkedDefaultSize(maxSigma,
            "An astigmatic z-stack whose widest slice has sigma " + GaussianPoi.num(maxSigma) + " px",
            "use a smaller sigma0, a larger focal depth, or fewer or closer z slices")
            : GaussianPoi.requireOddSize(size);
        Poi.requireSize(slices, s, s, String.format(Locale.ROOT, "An astigmatic z-stack of %d slices", slices),
            "use fewer z slices or a smaller POI size");
        final float[] v = new float[slices * s * s];
        final float[] slice = new float[s * s];
        final double c = (s - 1) / 2.0;
        for (int k = 0; k < slices; k++) {
            java.util.Arrays.fill(slice, 0f);
            render(slice, s, s, c, c, zOf(k, slices, zStepNm), 1);
            System.arraycopy(slice, 0, v, k * s * s, s * s);
        }
        return new Poi(v, slices, s, s, Poi.Kind.Z_STACK, pixelSizeNm, zStepNm, String.format(Locale.ROOT,
            "astigmatic Gaussian z-stack (sigma0 %.4g px, c %.4g nm, d %.4g nm, %d slices of %.4g nm)", sigma0,
            focalOffsetNm, depthNm, slices, zStepNm));
    }

    /** @return height in nm of slice k of a stack of {@code slices} slices */
    public static double zOf(final int k, final int slices, final double zStepNm) {
        return (k - (slices - 1) / 2.0) * zStepNm;
    }
}
