package org.knime.depaf.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.knime.depaf.core.eval.EpflMatcher;
import org.knime.depaf.core.eval.Metrics;
import org.knime.depaf.core.fit.RefinementOptions;
import org.knime.depaf.core.eval.RandomBaseline;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;

/**
 * DEPAF beside GDSC SMLM (and random positions with the true count per frame) on the same data in the same run:
 * the shared dense training stack when present and a simulated grid of densities × photon levels. Accuracy by the
 * EPFL 2016 protocol at 250 nm and 100 nm, speed, peak memory, and DEPAF's speed against a plain oneDNN convolution
 * measured in the same run. Writes a Markdown report with PNG charts.
 *
 * <pre>
 * ./bench.sh [--quick] [--only NAME,NAME] [--out docs/benchmarks.md] [--data ../shared/data/smlm2d-dense-train]
 * </pre>
 *
 * Everything is seeded: the same seeds give the same accuracy figures on one machine with OMP_NUM_THREADS=1.
 */
public final class SideBySideBenchmark {

    static final double PIXEL_NM = 100;
    static final double[] DENSITIES = {0.1, 0.5, 1, 2, 4, 6};
    static final double[] PHOTONS = {1000, 5000};
    static final double[] QUICK_DENSITIES = {0.5, 6};
    static final double[] QUICK_PHOTONS = {1000, 5000};
    static final int FRAMES = 20;
    static final int SIZE = 64;
    static final long SEED = 2016;

    /** One data set with ground truth and what the tools need to know about it. */
    record DataSet(String name, String description, ImageStack stack, LocalisationTable truth, double sigmaPx,
        double densityPerUm2, double photons, GdscSmlmFitter.Camera camera) {
    }

    /** One tool on one data set. */
    record Row(DataSet data, String tool, Metrics m250, Metrics m100, double trainSeconds, long iterations,
        double framesPerSecond, double peakMiB, double growthMiB, double flopsPerFrame, String settings,
        double[] calibration) {

        Row(final DataSet data, final String tool, final Metrics m250, final Metrics m100, final double trainSeconds,
            final long iterations, final double framesPerSecond, final double peakMiB, final double growthMiB,
            final double flopsPerFrame, final String settings) {
            this(data, tool, m250, m100, trainSeconds, iterations, framesPerSecond, peakMiB, growthMiB, flopsPerFrame,
                settings, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        }

        /** @return the mean lateral Cramér–Rao bound of the pairs matched at 100 nm (nm), NaN without refinement */
        double meanCrlbNm() {
            return calibration[0];
        }
    }

    /** The tool name of DEPAF with refinement by fitting. */
    static final String DEPAF_FIT = "DEPAF + fit";

    /** Likelihood-ratio thresholds tried beside the default, printed to the console only (for choosing it). */
    private static final double[] LLR_SWEEP = {0, 20, 30, 80};

    private SideBySideBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        boolean quick = false;
        Path out = Path.of("docs/benchmarks.md");
        Path data = Path.of("../shared/data/smlm2d-dense-train");
        Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                    + "'; expected --quick, --out FILE, --data FOLDER or --only NAME,NAME");
            }
        }
        final long started = System.nanoTime();
        final String command = System.getenv().getOrDefault("DEPAF_BENCH_COMMAND",
            "java org.knime.depaf.bench.SideBySideBenchmark " + String.join(" ", args));
        final RunInfo info = RunInfo.collect(command, quick);
        System.out.println(info.header());
        Nd4jRuntime.initialise(SideBySideBenchmark.class.getClassLoader(), null);

        final double convBefore = ConvolutionReference.measureGflops();
        System.out.printf(Locale.ROOT, "Reference: SameDiff/oneDNN conv2d 16→16, 3×3, 96×96, batch 8: %.1f GFLOP/s%n",
            convBefore);

        final List<DataSet> sets = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        if (only == null || only.contains("shared-dense")) {
            final DataSet shared = sharedDense(data);
            if (shared == null) {
                final String line = "Skipped: the shared dense stack is not present at " + data.toAbsolutePath()
                    + " (expected stack.tif and ground_truth.csv).";
                System.out.println(line);
                notes.add(line);
            } else {
                sets.add(shared);
            }
        }
        for (final double photons : quick ? QUICK_PHOTONS : PHOTONS) {
            for (final double density : quick ? QUICK_DENSITIES : DENSITIES) {
                final String name = simName(density, photons);
                if (only == null || only.contains(name)) {
                    sets.add(simulated(density, photons));
                }
            }
        }

        final List<Row> rows = new ArrayList<>();
        for (final DataSet set : sets) {
            System.out.printf(Locale.ROOT, "%n== %s: %s (%d ground-truth emitters)%n", set.name(), set.description(),
                set.truth().size());
            rows.addAll(runAll(set, quick));
            final double elapsedMin = (System.nanoTime() - started) / 60e9;
            BenchReport.write(out, info, rows, notes, convBefore, Double.NaN, elapsedMin, false);
        }
        final double convAfter = ConvolutionReference.measureGflops();
        final double minutes = (System.nanoTime() - started) / 60e9;
        BenchReport.write(out, info, rows, notes, convBefore, convAfter, minutes, true);
        System.out.println();
        System.out.println(BenchReport.summaryTable(rows));
        System.out.printf(Locale.ROOT, "Reference conv2d after the run: %.1f GFLOP/s. Wall time %.1f min. Report: %s%n",
            convAfter, minutes, out.toAbsolutePath());
    }

    static String simName(final double density, final double photons) {
        return String.format(Locale.ROOT, "sim-d%s-p%d", trim(density), Math.round(photons));
    }

    private static String trim(final double v) {
        return v == Math.rint(v) ? Long.toString(Math.round(v)) : Double.toString(v);
    }

    static DataSet sharedDense(final Path folder) throws IOException {
        final Path stackFile = folder.resolve("stack.tif");
        final Path truthFile = folder.resolve("ground_truth.csv");
        if (!Files.isRegularFile(stackFile) || !Files.isRegularFile(truthFile)) {
            return null;
        }
        final ImageStack stack = StackFiles.read(stackFile).withPixelSize(PIXEL_NM);
        final LocalisationTable truth = LocalisationCsv.read(truthFile, PIXEL_NM);
        final double areaUm2 = stack.width() * stack.height() * PIXEL_NM * PIXEL_NM / 1e6;
        final double density = truth.size() / (double)stack.frames() / areaUm2;
        // The stack's camera is not recorded: baseline ≈ 100 ADU (data README), 1 ADU per photon assumed.
        return new DataSet("shared-dense", String.format(Locale.ROOT,
            "shared dense stack smlm2d-dense-train (Deep-STORM demo 1), %d frames of %d × %d px, %.1f emitters/µm²",
            stack.frames(), stack.width(), stack.height(), density), stack, truth, 1.1, density, Double.NaN,
            new GdscSmlmFitter.Camera(100, 1, 1, 1));
    }

    static DataSet simulated(final double density, final double photons) {
        final SimulationConfig base = SimulationConfig.default2d().withFrames(FRAMES).withSizePx(SIZE, SIZE)
            .withPixelSizeNm(PIXEL_NM).withSeed(SEED + Math.round(density * 100) * 10_007 + Math.round(photons));
        final SimulationConfig c = base.withEmitters(base.emitters().withDensityPerUm2(density)
            .withPhotons(SimulationConfig.Photons.LOG_NORMAL, photons, 0.3));
        final SimulationResult r = SmlmSimulator.simulate(c);
        final SimulationConfig.Camera cam = c.camera();
        return new DataSet(simName(density, photons), String.format(Locale.ROOT,
            "simulated, %s emitters/µm², %d photons (log-normal, CV 0.3), Gaussian PSF σ %.0f nm, background %.0f "
                + "photons/px, EMCCD gain %.0f, %d frames of %d × %d px, seed %d",
            trim(density), Math.round(photons), c.optics().sigmaNm(), c.background().meanPhotons(), cam.emGain(),
            FRAMES, SIZE, SIZE, c.seed()), r.stack(), r.groundTruth(), c.optics().sigmaNm() / PIXEL_NM, density,
            photons, new GdscSmlmFitter.Camera(cam.baselineAdu(), cam.aduPerPhoton(),
                cam.readNoiseE() / cam.electronsPerAdu(), cam.qe()));
    }

    private static List<Row> runAll(final DataSet set, final boolean quick) throws IOException {
        final List<Row> rows = new ArrayList<>();
        final EpflMatcher m250 = EpflMatcher.lateral(250);
        final EpflMatcher m100 = EpflMatcher.lateral(100);

        final GdscSmlmFitter gdsc = new GdscSmlmFitter(set.sigmaPx(), set.camera(), PIXEL_NM);
        gdsc.localise(set.stack().subStack(0, 1)); // warm-up (class loading, JIT)
        final double gStart = PeakMemory.reset();
        final long g0 = System.nanoTime();
        final LocalisationTable gFound = gdsc.localise(set.stack());
        final double gSeconds = (System.nanoTime() - g0) / 1e9;
        rows.add(new Row(set, "GDSC SMLM", m250.evaluate(set.truth(), gFound), m100.evaluate(set.truth(), gFound),
            Double.NaN, 0, set.stack().frames() / gSeconds, PeakMemory.peakMiB(), PeakMemory.peakMiB() - gStart,
            Double.NaN, gdsc.describe()));
        print(rows.get(rows.size() - 1));

        final RefinementOptions refinement = refinementFor(set, RefinementOptions.DEFAULT_MIN_LLR);
        final DepafRunner.Outcome d = DepafRunner.run(set.stack(), set.sigmaPx(), set.densityPerUm2(), quick, SEED,
            refinement, quick ? null : model -> sweep(set, model));
        rows.add(new Row(set, "DEPAF", m250.evaluate(set.truth(), d.found()), m100.evaluate(set.truth(), d.found()),
            d.trainSeconds(), d.iterations(), d.framesPerSecond(), d.peakMiB(), d.growthMiB(), d.flopsPerFrame(),
            d.settings() + ", stopped: " + d.stopReason()));
        print(rows.get(rows.size() - 1));
        final LocalisationTable fitted = d.fitted().found();
        rows.add(new Row(set, DEPAF_FIT, m250.evaluate(set.truth(), fitted), m100.evaluate(set.truth(), fitted),
            Double.NaN, 0, d.fitted().framesPerSecond(), Double.NaN, Double.NaN, Double.NaN, d.fitted().settings(),
            DepafRunner.calibration(m100.match(set.truth(), fitted), set.truth(), fitted)));
        print(rows.get(rows.size() - 1));

        final LocalisationTable random = RandomBaseline.generate(set.truth(), set.stack().width() * PIXEL_NM,
            set.stack().height() * PIXEL_NM, SEED);
        rows.add(new Row(set, "random", m250.evaluate(set.truth(), random), m100.evaluate(set.truth(), random),
            Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "true count per frame, uniform positions"));
        print(rows.get(rows.size() - 1));
        return rows;
    }

    /**
     * The refinement as a user would set it: the simulator's camera for the simulated sets (a user knows their
     * camera); for the shared stack, whose camera is not recorded, the defaults, gain read from the data.
     */
    private static RefinementOptions refinementFor(final DataSet set, final double minLlr) {
        return set.name().startsWith("sim-")
            ? new RefinementOptions(DepafRunner.camera(set), minLlr, false)
            : new RefinementOptions(RefinementOptions.DEFAULT_CAMERA, minLlr, true);
    }

    private static void sweep(final DataSet set, final org.knime.depaf.core.model.DepafModel model) {
        for (final double llr : LLR_SWEEP) {
            try {
                final LocalisationTable f = DepafRunner.fit(model, set.stack(), refinementFor(set, llr)).found();
                final Metrics m = EpflMatcher.lateral(100).evaluate(set.truth(), f);
                System.out.printf(Locale.ROOT, "  sweep: min LLR %3.0f: Jaccard %5.1f %% (100 nm), recall %.3f, "
                    + "precision %.3f, RMSE %5.1f nm%n", llr, m.jaccardPercent(), m.recall(), m.precision(),
                    m.rmseLateralNm());
            } catch (final IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void print(final Row r) {
        System.out.printf(Locale.ROOT, "  %-10s Jaccard %5.1f %% / %5.1f %% (250 / 100 nm), RMSE %5.1f / %5.1f nm, "
            + "%s%s%s%n", r.tool(), r.m250().jaccardPercent(), r.m100().jaccardPercent(), r.m250().rmseLateralNm(),
            r.m100().rmseLateralNm(), Double.isFinite(r.framesPerSecond())
                ? String.format(Locale.ROOT, "%.1f frames/s", r.framesPerSecond()) : "",
            Double.isFinite(r.trainSeconds()) ? String.format(Locale.ROOT, ", trained %.0f s (%d it.)",
                r.trainSeconds(), r.iterations()) : "",
            Double.isFinite(r.meanCrlbNm()) ? String.format(Locale.ROOT, ", mean CRLB %.1f nm, error/σ sd %.2f, %.2f",
                r.meanCrlbNm(), r.calibration()[1], r.calibration()[2]) : "");
    }

    /** Charts over density, one per metric, for the simulated grid. */
    static List<String> charts(final Path folder, final List<Row> rows) throws IOException {
        final List<String> written = new ArrayList<>();
        final String[][] metrics = {
            {"jaccard-250", "Jaccard at 250 nm", "Jaccard %"},
            {"jaccard-100", "Jaccard at 100 nm", "Jaccard %"},
            {"recall-100", "Recall at 100 nm", "recall"},
            {"precision-100", "Precision at 100 nm", "precision"},
            {"rmse-250", "Lateral RMSE of pairs within 250 nm", "RMSE nm"},
            {"rmse-100", "Lateral RMSE of pairs within 100 nm", "RMSE nm"},
            {"efficiency-250", "Efficiency (lateral, 250 nm)", "efficiency"},
            {"frames-per-second", "Prediction / fitting speed", "frames/s (64 × 64 px)"}};
        final Color[] colors = {new Color(31, 119, 180), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(120, 120, 120)};
        final String[] tools = {"DEPAF", DEPAF_FIT, "GDSC SMLM", "random"};
        for (final String[] m : metrics) {
            final LineChart chart = new LineChart(m[1] + " over density (simulated, 64 × 64 px, 20 frames)",
                "density (emitters/µm², log scale)", m[2]);
            int added = 0;
            for (int t = 0; t < tools.length; t++) {
                if ("frames-per-second".equals(m[0]) && "random".equals(tools[t])) {
                    continue;
                }
                for (int p = 0; p < PHOTONS.length; p++) {
                    final List<double[]> pts = new ArrayList<>();
                    for (final Row r : rows) {
                        if (r.tool().equals(tools[t]) && r.data().photons() == PHOTONS[p]) {
                            pts.add(new double[] {r.data().densityPerUm2(), value(r, m[0])});
                        }
                    }
                    if (pts.isEmpty()) {
                        continue;
                    }
                    pts.sort((a, b) -> Double.compare(a[0], b[0]));
                    final double[] x = pts.stream().mapToDouble(a -> a[0]).toArray();
                    final double[] y = pts.stream().mapToDouble(a -> a[1]).toArray();
                    chart.add(new LineChart.Series(tools[t] + ", " + Math.round(PHOTONS[p]) + " photons", colors[t],
                        p == 1, x, y));
                    added++;
                }
            }
            if (added > 0) {
                final String file = m[0] + ".png";
                chart.write(folder.resolve(file));
                written.add(file);
            }
        }
        return written;
    }

    static double value(final Row r, final String metric) {
        return switch (metric) {
            case "jaccard-250" -> r.m250().jaccardPercent();
            case "jaccard-100" -> r.m100().jaccardPercent();
            case "recall-100" -> r.m100().recall();
            case "precision-100" -> r.m100().precision();
            case "rmse-250" -> r.m250().rmseLateralNm();
            case "rmse-100" -> r.m100().rmseLateralNm();
            case "efficiency-250" -> r.m250().efficiencyLateral();
            case "frames-per-second" -> r.framesPerSecond();
            default -> throw new IllegalArgumentException("Unknown metric " + metric);
        };
    }
}
