package org.knime.depaf.node.simulator;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.SimulatorOptions;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;

/** Settings of the SMLM Simulator; every option is also a flow variable. */
public final class SimulatorNodeParameters implements NodeParameters {

    private static final SimulatorOptions D = SimulatorOptions.defaults();

    /** The presets of the engine's simulator (the dialog's labels); the names are those of depaf simulate. */
    enum PresetChoice {
        @Label(value = "Default 2-D", description = "20 frames of 64 × 64 px of 100 nm, 1 emitter/µm² (≈ 41 per "
            + "frame) at random positions, ≈ 2000 photons each, Gaussian PSF σ 110 nm, flat background of 50 photons, "
            + "the EMCCD of the 2016 SMLM challenge (16-bit).")
        DEFAULT_2D("default-2d"),
        @Label(value = "Sparse 2-D", description = "Like Default 2-D at 0.1 emitters/µm²: isolated spots.")
        SPARSE_2D("sparse-2d"),
        @Label(value = "Dense 2-D", description = "Ultra-dense microtubule-like data: 6 emitters/µm² along 12 "
            + "filaments, uneven (Perlin) background.")
        DENSE_2D("dense-2d"),
        @Label(value = "Blinking filaments 2-D", description = "8 filaments labelled at 20 fluorophores/µm² that "
            + "blink (mean on-time 3 frames), 0.5 emitters/µm² on per frame.")
        FILAMENTS_2D("filaments-2d"),
        @Label(value = "Astigmatic 3-D", description = "Emitters between z = −500 and +500 nm seen through an "
            + "astigmatic PSF, 0.5 emitters/µm², uneven background; the ground truth has z.")
        ASTIGMATIC_3D("astigmatic-3d"),
        @Label(value = "sCMOS 2-D", description = "Like Default 2-D with an sCMOS camera (per-pixel offset and "
            + "noise).")
        SCMOS_2D("scmos-2d");

        final String m_name;

        PresetChoice(final String name) {
            m_name = name;
        }

        static PresetChoice of(final String name) {
            for (final PresetChoice p : values()) {
                if (p.m_name.equals(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("No preset named " + name);
        }
    }

    @Widget(title = "Preset", description = "The kind of acquisition; the settings below change it. Sizes, pixel "
        + "size and photons of 0, and density and background below 0, keep the preset's value.")
    PresetChoice m_preset = PresetChoice.of(D.preset());

    @Widget(title = "Number of frames", description = "Frames to simulate; 0 keeps the preset's (20).")
    int m_frames = D.frames();

    @Widget(title = "Frame width [px]", description = "Width of a frame in camera pixels; 0 keeps the preset's (64).")
    int m_widthPx = D.widthPx();

    @Widget(title = "Frame height [px]", description = "Height of a frame in camera pixels; 0 keeps the preset's "
        + "(64).")
    int m_heightPx = D.heightPx();

    @Widget(title = "Pixel size [nm]", description = "Camera pixel size in nm; 0 keeps the preset's (100 nm).")
    double m_pixelSizeNm = D.pixelSizeNm();

    @Widget(title = "Density [emitters/µm²]", description = "Emitters switched on per frame per µm²; below 0 keeps "
        + "the preset's.")
    double m_densityPerUm2 = D.densityPerUm2();

    @Widget(title = "Photons per emitter", description = "Mean number of photons an emitter gives in a frame; 0 "
        + "keeps the preset's (2000).")
    double m_meanPhotons = D.meanPhotons();

    @Widget(title = "Background [photons/px]", description = "Mean background photons per pixel and frame; below 0 "
        + "keeps the preset's (50).")
    double m_backgroundPhotons = D.backgroundPhotons();

    @Widget(title = "Seed", description = "Starting point of the random numbers: the same seed and settings give "
        + "the same stack and ground truth.")
    long m_seed = D.seed();

    /** @return the options as the adapter's value object */
    SimulatorOptions toOptions() {
        return new SimulatorOptions(m_preset.m_name, m_frames, m_widthPx, m_heightPx, m_pixelSizeNm, m_densityPerUm2,
            m_meanPhotons, m_backgroundPhotons, m_seed);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toOptions().validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
