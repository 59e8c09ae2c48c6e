package org.knime.depaf.core.sim;

/**
 * The few settings a user changes on top of a named preset ({@link SimulationConfig#preset}): the SMLM Simulator
 * node and {@code depaf simulate} both build their configuration here, so the same settings give the same stack.
 * A {@code null} keeps the preset's value.
 *
 * @param frames number of frames
 * @param widthPx frame width in pixels
 * @param heightPx frame height in pixels
 * @param pixelSizeNm camera pixel size in nm
 * @param densityPerUm2 emitters on per frame per µm²
 * @param meanPhotons mean photons per emitter per frame
 * @param backgroundPhotons mean background photons per pixel
 * @param seed the seed
 */
public record SimulationOverrides(Integer frames, Integer widthPx, Integer heightPx, Double pixelSizeNm,
    Double densityPerUm2, Double meanPhotons, Double backgroundPhotons, Long seed) {

    /** Nothing changed: the preset as it is. */
    public static final SimulationOverrides NONE = new SimulationOverrides(null, null, null, null, null, null, null,
        null);

    /**
     * @param preset a name of {@link SimulationConfig#PRESETS}
     * @return the preset with these changes
     * @throws IllegalArgumentException for an unknown preset or a value the simulation cannot take (the message
     *             names it)
     */
    public SimulationConfig applyTo(final String preset) {
        SimulationConfig c = SimulationConfig.preset(preset);
        if (frames != null) {
            c = c.withFrames(frames);
        }
        if (widthPx != null || heightPx != null) {
            c = c.withSizePx(widthPx != null ? widthPx : c.widthPx(), heightPx != null ? heightPx : c.heightPx());
        }
        if (pixelSizeNm != null) {
            c = c.withPixelSizeNm(pixelSizeNm);
        }
        if (densityPerUm2 != null) {
            c = c.withEmitters(c.emitters().withDensityPerUm2(densityPerUm2));
        }
        if (meanPhotons != null) {
            c = c.withEmitters(c.emitters().withPhotons(c.emitters().photons(), meanPhotons,
                c.emitters().photonCv()));
        }
        if (backgroundPhotons != null) {
            final SimulationConfig.Background b = c.background();
            c = c.withBackground(new SimulationConfig.Background(b.kind(), backgroundPhotons, b.variation(),
                b.featureSizeNm()));
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        return c;
    }
}
