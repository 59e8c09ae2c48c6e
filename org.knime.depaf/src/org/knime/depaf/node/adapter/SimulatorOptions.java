package org.knime.depaf.node.adapter;

import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationOverrides;
import org.knime.depaf.core.sim.SmlmSimulator;

/**
 * The SMLM Simulator's options: a preset and the settings changed on top of it, as {@code depaf simulate} takes
 * them. Sizes and photons of 0, and density and background below 0, keep the preset's value (density and
 * background can be 0 on purpose).
 *
 * @param preset a name of {@link SimulationConfig#PRESETS}
 * @param frames number of frames, 0 for the preset's
 * @param widthPx frame width in pixels, 0 for the preset's
 * @param heightPx frame height in pixels, 0 for the preset's
 * @param pixelSizeNm camera pixel size in nm, 0 for the preset's
 * @param densityPerUm2 emitters on per frame per µm², below 0 for the preset's
 * @param meanPhotons mean photons per emitter per frame, 0 for the preset's
 * @param backgroundPhotons mean background photons per pixel, below 0 for the preset's
 * @param seed the seed: the same seed and settings give the same stack
 */
public record SimulatorOptions(String preset, int frames, int widthPx, int heightPx, double pixelSizeNm,
    double densityPerUm2, double meanPhotons, double backgroundPhotons, long seed) {

    /** @return the defaults: the default-2d preset as it is, seed 1 */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(SimulationConfig.PRESETS.get(0), 0, 0, 0, 0, -1, 0, -1, 1);
    }

    /**
     * @return the simulation these options describe
     * @throws IllegalArgumentException naming the option and saying what to change
     */
    public SimulationConfig toConfig() {
        if (preset == null || !SimulationConfig.PRESETS.contains(preset.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Preset must be one of " + String.join(", ", SimulationConfig.PRESETS)
                + "; it is '" + preset + "'");
        }
        requireNotNegative(frames, "Number of frames");
        requireNotNegative(widthPx, "Frame width");
        requireNotNegative(heightPx, "Frame height");
        if (!(pixelSizeNm >= 0) || !Double.isFinite(pixelSizeNm)) {
            throw new IllegalArgumentException("Pixel size must be a number of nm > 0, or 0 for the preset's; it is "
                + pixelSizeNm);
        }
        if (!(meanPhotons >= 0) || !Double.isFinite(meanPhotons)) {
            throw new IllegalArgumentException("Photons per emitter must be a number > 0, or 0 for the preset's; it "
                + "is " + meanPhotons);
        }
        if (!Double.isFinite(densityPerUm2) || !Double.isFinite(backgroundPhotons)) {
            throw new IllegalArgumentException("Density and background must be numbers (below 0 for the preset's); "
                + "they are " + densityPerUm2 + " and " + backgroundPhotons);
        }
        final SimulationConfig c = new SimulationOverrides(frames > 0 ? frames : null, widthPx > 0 ? widthPx : null,
            heightPx > 0 ? heightPx : null, pixelSizeNm > 0 ? pixelSizeNm : null,
            densityPerUm2 >= 0 ? densityPerUm2 : null, meanPhotons > 0 ? meanPhotons : null,
            backgroundPhotons >= 0 ? backgroundPhotons : null, seed).applyTo(preset);
        return c;
    }

    /** @throws IllegalArgumentException as {@link #toConfig()} */
    public void validate() {
        toConfig();
    }

    /** @return the columns of the ground-truth table, known before the simulation runs */
    public List<ColumnDescriptor> groundTruthColumns() {
        return LocalisationRows.columns(SmlmSimulator.groundTruthColumns(toConfig()));
    }

    private static void requireNotNegative(final int v, final String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be ≥ 1, or 0 for the preset's; it is " + v);
        }
    }
}
