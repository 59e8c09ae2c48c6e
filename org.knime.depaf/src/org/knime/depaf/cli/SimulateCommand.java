package org.knime.depaf.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationOverrides;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code depaf simulate}: the SMLM Simulator node; writes the stack and its ground truth. */
@Command(name = "simulate", sortOptions = false,
    description = {"Simulate an SMLM acquisition with known emitter positions: a camera stack (TIFF) and its ground "
        + "truth (CSV, positions in nm, frames from 1), for trying DEPAF and measuring how well it does.", ""},
    footer = {"", "Presets: default-2d (1 emitter/µm², 64 × 64 px of 100 nm), sparse-2d, dense-2d (filaments, "
        + "6/µm²), filaments-2d (blinking), astigmatic-3d (z from −500 to 500 nm), scmos-2d.",
        "", "Examples:", "  depaf simulate --frames 500 -o sim.tif",
        "  depaf simulate --preset astigmatic-3d --frames 200 --density 0.3 \\",
        "      -o sim3d.tif --ground-truth gt3d.csv"})
final class SimulateCommand extends DepafCommand {

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default-2d",
        description = "Starting configuration (default ${DEFAULT-VALUE}; see below).")
    String preset;

    @Option(names = "--frames", paramLabel = "N", description = "Number of frames (default: the preset's).")
    Integer frames;

    @Option(names = "--size", paramLabel = "w,h", converter = Converters.IntPair.class,
        description = "Frame size in pixels, width,height or one number for a square (default: the preset's).")
    Converters.Ints size;

    @Option(names = "--pixel-size", paramLabel = "NM", description = "Camera pixel size in nm.")
    Double pixelSizeNm;

    @Option(names = "--density", paramLabel = "PER_UM2", description = "Emitters on per frame per µm².")
    Double density;

    @Option(names = "--photons", paramLabel = "N", description = "Mean photons per emitter per frame.")
    Double photons;

    @Option(names = "--background", paramLabel = "PHOTONS", description = "Mean background photons per pixel.")
    Double background;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (the same seed gives the same stack).")
    Long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TIFF", description = "The stack to write.")
    Path output;

    @Option(names = "--ground-truth", paramLabel = "CSV",
        description = "The ground-truth CSV to write (default: next to the stack, <name>-ground-truth.csv).")
    Path groundTruth;

    @Override
    int run(final Session session) throws Exception {
        final SimulationConfig config = config();
        final Path gt = groundTruth != null ? groundTruth
            : output.resolveSibling(CliFiles.stem(output) + "-ground-truth.csv");
        CliFiles.checkOutputs(session, List.of(),
            CliFiles.out(output, "stack file (-o)", OutputPolicy.Content.TIFF),
            CliFiles.out(gt, "ground-truth file (--ground-truth)", OutputPolicy.Content.CSV));
        final SimulationResult result = simulate(session, config);
        write(session, result, config, output, gt);
        session.info("Simulated %d frames of %d × %d px at %s nm: %d emitters (%.1f per frame)", config.frames(),
            config.widthPx(), config.heightPx(), CsvOutput.number(config.pixelSizeNm()),
            result.groundTruth().size(), result.groundTruth().size() / (double)config.frames());
        session.info("Stack written to %s", output);
        if (!gt.equals(CliFiles.STDOUT)) {
            session.info("Ground truth written to %s", gt);
        }
        return DepafCli.EXIT_OK;
    }

    /** Runs a simulation with a progress display (shared with the demo). */
    static SimulationResult simulate(final Session session, final SimulationConfig config) {
        try (ProgressMonitor monitor = session.progress("simulating")) {
            final SimulationResult r = SmlmSimulator.fromConfig(config).simulate(config.frames(), config.seed(),
                monitor);
            monitor.done(null);
            return r;
        }
    }

    /** Writes the stack (16-bit when the camera quantises, else 32-bit float) and the ground truth. */
    static void write(final Session session, final SimulationResult result, final SimulationConfig config,
        final Path stack, final Path gt) throws java.io.IOException {
        StackFiles.write(stack, result.stack(), config.tiffBitDepth());
        CliFiles.writeText(session, gt, w -> LocalisationCsv.write(w, result.groundTruth()));
    }

    private SimulationConfig config() {
        if (!SimulationConfig.PRESETS.contains(preset.toLowerCase(Locale.ROOT))) {
            throw new BadInputException("unknown --preset '" + preset + "'; expected one of "
                + SimulationConfig.PRESETS);
        }
        return new SimulationOverrides(frames, size == null ? null : size.first(), size == null ? null
            : size.second(), pixelSizeNm, density, photons, background, seed).applyTo(preset);
    }
}
