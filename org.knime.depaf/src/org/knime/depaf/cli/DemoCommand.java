package org.knime.depaf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.eval.MetricsReport;
import org.knime.depaf.core.fit.RefinementOptions;
import org.knime.depaf.core.loc.ColorMap;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.loc.RenderImages;
import org.knime.depaf.core.loc.SuperResolutionRenderer;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionOutput;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code depaf demo}: the whole analysis on a small simulated SMLM data set, in one folder. Every step is the
 * engine call of the matching subcommand, and {@code steps.sh} in the folder repeats them one by one.
 */
@Command(name = "demo", sortOptions = false,
    description = {"See DEPAF work in one command: simulate a small 2-D SMLM data set with known emitter "
        + "positions, train a model on it (CPU preset, a few minutes), localise, compare with the truth and "
        + "render a super-resolution image. Everything goes into one folder.", ""},
    footer = {"", "Examples:", "  depaf demo", "  depaf demo --out /tmp/my-demo"})
final class DemoCommand extends DepafCommand {

    @Option(names = "--out", paramLabel = "FOLDER", defaultValue = "depaf-demo",
        description = "Output folder (default ${DEFAULT-VALUE}; files in it are replaced).")
    Path out;

    @Option(names = "--quick", description = "A tiny, fast version (seconds, meaningless metrics) to check the "
        + "installation.")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the simulation and the training (default ${DEFAULT-VALUE}).")
    long seed;

    /** Everything the demo chooses, in one place: the data and the training budget. */
    private record Plan(int frames, int sizePx, double density, double lambda, int baseWidth, int trainPatches,
        int valPatches, int batch, int thresholdPatches, long warmupFirst, long warmupSecond, long maxIterations,
        double maxMinutes) {

        static Plan of(final boolean quick) {
            // The CPU preset with a budget: 300 iterations (a λ warm-up scaled to them) or 3 minutes, whichever
            // comes first, and fewer threshold patches; the rest is the preset's.
            return quick ? new Plan(12, 32, 0.5, 0.1, 4, 16, 4, 4, 8, 1, 2, 3, 1)
                : new Plan(200, 64, 0.5, 0.1, 0, 512, 32, 8, 64, 30, 60, 300, 3);
        }
    }

    /** Blinking molecules along filaments: the render shows lines that the sum projection blurs. */
    private static final String PRESET = "filaments-2d";

    /** PSF of the simulation (σ = 110 nm on 100 nm pixels); the POI is the same Gaussian. */
    private static final double SIGMA_PX = 1.1;

    private static final double RENDER_PIXEL_NM = 10;

    private static final double RENDER_SIGMA_NM = 15;

    @Override
    boolean usesNetwork() {
        return true;
    }

    @Override
    int run(final Session session) throws Exception {
        final long started = System.nanoTime();
        final Plan plan = Plan.of(quick);
        CliFiles.outputFolder(out);
        final Path data = out.resolve("data.tif");
        final Path truth = out.resolve("ground-truth.csv");
        final Path modelFile = out.resolve("model.depaf");
        final Path locs = out.resolve("localisations.csv");
        final Path srPng = out.resolve("super-resolution.png");
        final Path sumPng = out.resolve("sum-projection.png");
        final Path metricsTxt = out.resolve("metrics.txt");
        final Path metricsCsv = out.resolve("metrics.csv");
        final Path steps = out.resolve("steps.sh");
        // a folder of the user's own that happens to hold a data.tif is not the demo's to overwrite
        if (!Files.isRegularFile(steps)) {
            for (final Path p : List.of(data, truth, modelFile, locs, srPng, sumPng, metricsTxt, metricsCsv)) {
                if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new BadInputException("the folder '" + out + "' holds " + p.getFileName() + ", which the "
                        + "demo would replace, and no earlier demo's steps.sh; choose a new or empty folder (--out)");
                }
            }
        }

        final SimulationConfig d = SimulationConfig.preset(PRESET);
        final SimulationConfig config = d.withFrames(plan.frames()).withSizePx(plan.sizePx(), plan.sizePx())
            .withEmitters(d.emitters().withDensityPerUm2(plan.density())).withSeed(seed);
        session.info("DEPAF demo: simulate → train → predict → evaluate → render, into %s", out);
        session.info("Data: %d frames of %d × %d px (100 nm): blinking molecules on filaments, %s per µm² "
            + "(≈ %.0f) on per frame, ~2000 photons each", config.frames(), config.widthPx(), config.heightPx(),
            CsvOutput.number(plan.density()), config.expectedEmittersPerFrame());
        SimulateCommand.write(session, SimulateCommand.simulate(session, config), config, data, truth);

        final TrainingParameters params = parameters(plan);
        final Poi poi = GaussianPoi.ofSigma(SIGMA_PX, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        try (FrameSource source = CliFiles.openStack(data, "data file", Double.NaN)) {
            final TrainingResult trained = TrainCommand.train(session, params, source, poi);
            try (DepafModel model = trained.model()) {
                ModelFile.write(modelFile, model);
                final PredictionOptions options = PredictionOptions.builder()
                    .outputs(EnumSet.of(PredictionOutput.LOCALISATIONS)).refinement(RefinementOptions.defaults())
                    .build();
                PredictCommand.predict(session, model, options, source, new int[] {0, source.frames()},
                    new FilePredictionSink(locs, null, null, null));
            }
            writeSumProjection(source, sumPng, (int)Math.round(config.pixelSizeNm() / RENDER_PIXEL_NM));
        }

        // evaluate and render from the written files, as 'depaf evaluate' and 'depaf render' would
        final LocalisationTable loc = CliFiles.readTable(locs, "localisation file", Double.NaN);
        final LocalisationTable gt = CliFiles.readTable(truth, "ground-truth file", Double.NaN);
        final MetricsReport report = MetricsReport.evaluate(gt, loc, MetricsReport.DEFAULT_TOLERANCES_NM,
            Double.NaN, 0, null);
        final SuperResolutionRenderer renderer =
            new SuperResolutionRenderer(config.widthNm(), config.heightNm(), RENDER_PIXEL_NM);
        RenderCommand.write(srPng, RenderCommand.render(renderer, loc, RenderCommand.Method.GAUSSIAN,
            RENDER_SIGMA_NM), ColorMap.HOT, 99.5);
        final String table = report.toText();
        AtomicFiles.write(metricsTxt, o -> o.write(table.getBytes(StandardCharsets.UTF_8)));
        CsvOutput.writeMetrics(session, metricsCsv, report);
        writeSteps(steps, config, params);

        session.out().println();
        session.out().printf(Locale.ROOT, "%d localisations against %d true emitters (EPFL challenge protocol):%n",
            loc.size(), gt.size());
        session.out().print(table);
        session.out().println();
        session.info("Files in %s:", out);
        session.info("  data.tif              the simulated camera stack");
        session.info("  ground-truth.csv      where the emitters really were");
        session.info("  model.depaf           the trained model (depaf predict model.depaf your-data.tif …)");
        session.info("  localisations.csv     what DEPAF found: frame, x, y in nm, photons, uncertainty");
        session.info("  sum-projection.png    the raw frames summed: the blurred widefield view");
        session.info("  super-resolution.png  the localisations rendered at %s nm pixels",
            CsvOutput.number(RENDER_PIXEL_NM));
        session.info("  metrics.txt, .csv     the table above");
        session.info("  steps.sh              the same analysis as separate depaf commands");
        session.info("Done in %s.", ProgressMonitor.clockTime((System.nanoTime() - started) / 1e9));
        return DepafCli.EXIT_OK;
    }

    private TrainingParameters parameters(final Plan plan) {
        final TrainingParameters.Builder b = TrainingParameters.builder(TrainingParameters.Preset.CPU, plan.lambda())
            .patches(plan.trainPatches(), plan.valPatches()).batchSize(plan.batch())
            .thresholdPatches(plan.thresholdPatches()).warmup(plan.warmupFirst(), plan.warmupSecond())
            .maxIterations(plan.maxIterations())
            .maxMinutes(plan.maxMinutes()).seed(seed);
        if (plan.baseWidth() > 0) {
            b.baseWidth(plan.baseWidth());
        }
        return b.build();
    }

    /** The raw stack summed over frames, enlarged (nearest neighbour) to the render's size for comparison. */
    private static void writeSumProjection(final FrameSource source, final Path png, final int zoom)
        throws IOException {
        final int h = source.height();
        final int w = source.width();
        final double[] sum = new double[h * w];
        for (int first = 0; first < source.frames(); first += 64) {
            final ImageStack batch = source.read(first, Math.min(64, source.frames() - first));
            final float[] px = batch.pixels();
            for (int i = 0; i < px.length; i++) {
                sum[i % sum.length] += px[i];
            }
        }
        final float[] big = new float[h * zoom * w * zoom];
        for (int y = 0; y < h * zoom; y++) {
            for (int x = 0; x < w * zoom; x++) {
                big[y * w * zoom + x] = (float)sum[y / zoom * w + x / zoom];
            }
        }
        RenderImages.writePng(png, new ImageStack(big, 1, h * zoom, w * zoom, source.pixelSizeNm() / zoom,
            "sum projection"), ColorMap.GREY, 0.5, 99.5);
    }

    private void writeSteps(final Path file, final SimulationConfig c, final TrainingParameters p)
        throws IOException {
        final List<String> lines = List.of("#!/bin/sh", "# The demo as separate commands (run from the repository root).",
            "set -e", "d=" + out,
            String.format(Locale.ROOT, "./depaf simulate --preset " + PRESET + " --frames %d --size %d,%d --density %s "
                + "--seed %d -o $d/data.tif --ground-truth $d/ground-truth.csv", c.frames(), c.widthPx(),
                c.heightPx(), CsvOutput.number(c.emitters().densityPerUm2()), c.seed()),
            String.format(Locale.ROOT, "./depaf train $d/data.tif --poi-sigma %s --lambda %s --preset cpu "
                + "--train-patches %d --val-patches %d --batch-size %d --threshold-patches %d%s --warmup %d,%d "
                + "--max-iterations %d "
                + "--max-minutes %s --seed %d -o $d/model.depaf", CsvOutput.number(SIGMA_PX),
                CsvOutput.number(p.lambda()), p.trainPatches(), p.validationPatches(), p.batchSize(),
                p.thresholdPatches(), p.baseWidth() > 0 ? " --base-width " + p.baseWidth() : "",
                p.lambdaSchedule().firstMilestone(), p.lambdaSchedule().secondMilestone(), p.maxIterations(),
                CsvOutput.number(p.maxMinutes()), p.seed()),
            "./depaf predict $d/model.depaf $d/data.tif -o $d/localisations.csv",
            "./depaf evaluate $d/localisations.csv $d/ground-truth.csv --csv $d/metrics.csv",
            String.format(Locale.ROOT, "./depaf render $d/localisations.csv --image $d/data.tif --method gaussian "
                + "--sigma %s --render-pixel-size %s -o $d/super-resolution.png", CsvOutput.number(RENDER_SIGMA_NM),
                CsvOutput.number(RENDER_PIXEL_NM)), "");
        AtomicFiles.write(file, o -> o.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (final UnsupportedOperationException e) {
            // not a POSIX file system: the script stays readable
        }
    }
}
