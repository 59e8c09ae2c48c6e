package org.knime.depaf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SmlmSimulator;
import org.knime.depaf.core.train.TrainingParameters;

/**
 * Runs every subcommand in-process on small simulated data and checks its files, its exit code and its one-line
 * messages for bad input. Training runs are tiny (a few iterations of a 4-channel network), so they test the
 * wiring, not the quality.
 */
class DepafCliTest {

    /** The quick demo, run once: its model and data serve the predict and background tests. */
    @TempDir
    static Path demoDir;

    private static Run demo;

    @TempDir
    Path dir;

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(final String... args) {
        return run(new AtomicBoolean(), args);
    }

    static Run run(final AtomicBoolean cancelled, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new DepafCli(o, e, ProgressMonitor.Style.LINES, cancelled, 1).execute(args);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void runQuickDemo() {
        demo = run("demo", "--quick", "--out", demoDir.toString());
    }

    /** A small stack with ground truth, written as the simulate command would. */
    private Path simulatedStack(final int frames, final int size) {
        final Path stack = dir.resolve("sim.tif");
        final Run r = run("simulate", "--frames", Integer.toString(frames), "--size", Integer.toString(size),
            "--seed", "3", "-o", stack.toString());
        assertEquals(0, r.code(), r.err());
        return stack;
    }

    @Test
    void simulateWritesTheRequestedFramesAndOneGroundTruthRowPerEmitter() throws IOException {
        final Path stack = simulatedStack(6, 24);
        final ImageStack frames = StackFiles.read(stack);
        assertEquals(6, frames.frames());
        assertEquals(24, frames.width());
        assertEquals(100, frames.pixelSizeNm(), 1e-9);
        final LocalisationTable gt = LocalisationCsv.read(dir.resolve("sim-ground-truth.csv"), Double.NaN);
        final SimulationConfig c = SimulationConfig.default2d().withFrames(6).withSizePx(24, 24).withSeed(3);
        assertEquals(SmlmSimulator.simulate(c).groundTruth().size(), gt.size());
        assertTrue(gt.maxFrame() <= 6);
    }

    @Test
    void evaluatingGroundTruthAgainstItselfGivesAPerfectJaccard() throws IOException {
        simulatedStack(4, 24);
        final Path gt = dir.resolve("sim-ground-truth.csv");
        final Path csv = dir.resolve("metrics.csv");
        final Run r = run("evaluate", gt.toString(), gt.toString(), "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("100.0"), r.out());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "header and one row per default tolerance (250, 100)");
        for (final String row : lines.subList(1, 3)) {
            final String[] cells = row.split(",");
            assertEquals("100", cells[8], "Jaccard [%] in " + row);
            assertEquals("0", cells[4], "FP in " + row);
        }
    }

    @Test
    void renderWritesImagesOfTheFieldDividedByTheRenderPixel() throws IOException {
        simulatedStack(4, 24);
        final Path png = dir.resolve("sr.png");
        final Path tif = dir.resolve("sr.tif");
        final Run r = run("render", dir.resolve("sim-ground-truth.csv").toString(), "--field", "2400,2400",
            "--render-pixel-size", "20", "--method", "gaussian", "--sigma", "20", "-o", png.toString(), "-o",
            tif.toString());
        assertEquals(0, r.code(), r.err());
        final BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(120, img.getWidth());
        assertEquals(120, img.getHeight());
        final ImageStack counts = StackFiles.read(tif);
        assertEquals(120, counts.width());
        assertEquals(20, counts.pixelSizeNm(), 1e-6);
    }

    @Test
    void poiGeneratorsWriteTheirPatterns() throws IOException {
        final Path g = dir.resolve("g.tif");
        assertEquals(0, run("poi", "gaussian", "--sigma", "1.2", "-o", g.toString()).code());
        final ImageStack gauss = StackFiles.read(g);
        assertEquals(1, gauss.frames());
        assertEquals(GaussianPoi.defaultSize(1.2), gauss.width());

        final Path a = dir.resolve("a.tif");
        final Run ra = run("poi", "astigmatic", "--sigma0", "1.1", "--focal-offset", "300", "--depth", "400",
            "--slices", "11", "--z-step", "50", "--pixel-size", "100", "-o", a.toString());
        assertEquals(0, ra.code(), ra.err());
        assertEquals(11, StackFiles.read(a).frames());
        assertTrue(ra.out().contains("--z-step 50"), "tells how to train with it: " + ra.out());

        final Path s = dir.resolve("s.tif");
        assertEquals(0, run("poi", "spike", "--tau", "4", "-o", s.toString()).code());
        final ImageStack spike = StackFiles.read(s);
        assertEquals(1, spike.width());
        assertEquals(2 * 20 + 1, spike.height());
    }

    @Test
    void demoWritesEveryFileAndPrintsWhatEvaluateComputesFromThem() {
        assertEquals(0, demo.code(), demo.err());
        for (final String name : List.of("data.tif", "ground-truth.csv", "model.depaf", "localisations.csv",
            "super-resolution.png", "sum-projection.png", "metrics.txt", "metrics.csv", "steps.sh")) {
            assertTrue(Files.isRegularFile(demoDir.resolve(name)), name + " missing");
        }
        final Run eval = run("evaluate", demoDir.resolve("localisations.csv").toString(),
            demoDir.resolve("ground-truth.csv").toString());
        assertEquals(0, eval.code(), eval.err());
        final String table = eval.out().substring(eval.out().indexOf("tolerance nm"));
        assertTrue(demo.out().contains(table), "demo printed:\n" + demo.out() + "\nevaluate printed:\n" + table);
    }

    @Test
    void predictWritesLocalisationsAndImageStacksOfTheDataSize() throws IOException {
        assertEquals(0, demo.code(), demo.err());
        final Path loc = dir.resolve("loc.csv");
        final Path isyn = dir.resolve("isyn.tif");
        final Path bg = dir.resolve("bg.tif");
        final Run r = run("predict", demoDir.resolve("model.depaf").toString(), demoDir.resolve("data.tif")
            .toString(), "-o", loc.toString(), "--isyn", isyn.toString(), "--bg", bg.toString(), "--frames", "2-5");
        assertEquals(0, r.code(), r.err());
        final LocalisationTable t = LocalisationCsv.read(loc, Double.NaN);
        for (int i = 0; i < t.size(); i++) {
            assertTrue(t.frame(i) >= 2 && t.frame(i) <= 5, "frame " + t.frame(i));
        }
        final ImageStack b = StackFiles.read(bg);
        assertEquals(4, b.frames());
        assertEquals(32, b.width());
        assertEquals(4, StackFiles.read(isyn).frames());
    }

    @Test
    void predictFitsByDefaultAndWritesPhotonsBackgroundAndUncertainty() throws IOException {
        assertEquals(0, demo.code(), demo.err());
        final Path fitted = dir.resolve("fitted.csv");
        final Path plain = dir.resolve("plain.csv");
        final String model = demoDir.resolve("model.depaf").toString();
        final String data = demoDir.resolve("data.tif").toString();
        final Run r = run("predict", model, data, "-o", fitted.toString(), "--camera-offset", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fitted") || r.err().contains("fitted"), r.out() + r.err());
        final String header = Files.readAllLines(fitted).get(0);
        for (final String column : List.of("intensity [photon]", "offset [photon]", "bkgstd [photon]",
            "uncertainty [nm]", "crlb x [nm]", "llr")) {
            assertTrue(header.contains(column), column + " in " + header);
        }
        final LocalisationTable t = LocalisationCsv.read(fitted, Double.NaN);
        assertTrue(t.size() > 0);
        assertEquals(0, run("predict", model, data, "-o", plain.toString(), "--no-fit").code());
        assertFalse(Files.readAllLines(plain).get(0).contains("uncertainty"), "--no-fit keeps DEPAF's columns");
    }

    @Test
    void aBadCameraGainIsBadInputNamingTheOption() {
        assertEquals(0, demo.code(), demo.err());
        assertBadInput(run("predict", demoDir.resolve("model.depaf").toString(), demoDir.resolve("data.tif")
            .toString(), "-o", dir.resolve("l.csv").toString(), "--camera-gain", "many"), "--camera-gain", "many");
        assertBadInput(run("predict", demoDir.resolve("model.depaf").toString(), demoDir.resolve("data.tif")
            .toString(), "-o", dir.resolve("l.csv").toString(), "--qe", "2"), "quantum efficiency", "--qe");
        assertFalse(Files.exists(dir.resolve("l.csv")));
    }

    @Test
    void backgroundWritesTheBackgroundAndTheSubtractedFrames() throws IOException {
        assertEquals(0, demo.code(), demo.err());
        final Path bg = dir.resolve("bg.tif");
        final Path sub = dir.resolve("sub.tif");
        final Run r = run("background", demoDir.resolve("model.depaf").toString(),
            demoDir.resolve("data.tif").toString(), "-o", bg.toString(), "--subtracted", sub.toString());
        assertEquals(0, r.code(), r.err());
        final ImageStack data = StackFiles.read(demoDir.resolve("data.tif"));
        final ImageStack b = StackFiles.read(bg);
        final ImageStack s = StackFiles.read(sub);
        assertEquals(data.frames(), b.frames());
        final int i = data.frameSize() + 5;
        assertEquals(data.pixels()[i] - b.pixels()[i], s.pixels()[i], 1e-3);
    }

    @Test
    void thresholdWritesAModelWithTheNewThresholdAndTheObjectiveCurve() throws IOException {
        assertEquals(0, demo.code(), demo.err());
        final Path model = dir.resolve("retuned.depaf");
        final Path curve = dir.resolve("curve.csv");
        final Run r = run("threshold", demoDir.resolve("model.depaf").toString(), demoDir.resolve("data.tif")
            .toString(), "--threshold-patches", "4", "-o", model.toString(), "--curve", curve.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Threshold"), r.out());
        assertTrue(Files.size(model) > 0);
        final List<String> rows = Files.readAllLines(curve);
        assertTrue(rows.size() > 100, "coarse and fine grid points: " + rows.size());
        assertTrue(rows.get(1).startsWith("coarse,"), rows.get(1));
    }

    @Test
    void trainWritesAModelAndOneHistoryRowPerIteration() throws IOException {
        final Path stack = simulatedStack(10, 24);
        final Path model = dir.resolve("m.depaf");
        final Path history = dir.resolve("history.csv");
        final Run r = run(tinyTraining(stack, model, "0.01", "--history", history.toString(), "--train-frames",
            "1-8", "--val-frames", "9-10"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(model) > 0);
        assertEquals(1 + 2, Files.readAllLines(history).size(), "header + 2 iterations");
    }

    private static String[] tinyTraining(final Path stack, final Path model, final String lambda,
        final String... more) {
        final List<String> args = new java.util.ArrayList<>(List.of("train", stack.toString(), "--poi-sigma", "1.1",
            "--lambda", lambda, "--base-width", "4", "--train-patches", "8", "--val-patches", "2", "--batch-size",
            "4", "--threshold-patches", "4", "--max-iterations", "2", "-o", model.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void cancelledTrainingExitsWith130AndWritesNoModel() {
        final Path stack = simulatedStack(6, 24);
        final Path model = dir.resolve("m.depaf");
        final Run r = run(new AtomicBoolean(true), tinyTraining(stack, model, "0.01"));
        assertEquals(DepafCli.EXIT_CANCELLED, r.code(), r.err());
        assertFalse(Files.exists(model));
        assertTrue(r.errLines().get(r.errLines().size() - 1).contains("cancelled"), r.err());
    }

    // ------------------------------------------------------------------ bad input: exit 2, one line

    private static void assertBadInput(final Run r, final String... expected) {
        assertEquals(DepafCli.EXIT_USAGE, r.code(), r.err());
        final List<String> lines = r.errLines().stream().filter(l -> l.startsWith("depaf")).toList();
        assertEquals(1, lines.size(), "one error line:\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
        for (final String e : expected) {
            assertTrue(lines.get(0).contains(e), "'" + e + "' in: " + lines.get(0));
        }
    }

    @Test
    void aMissingDataFileIsBadInputNamedInOneLine() {
        assertBadInput(run("train", dir.resolve("x.tif").toString(), "--poi-sigma", "1", "--lambda", "0.01", "-o",
            dir.resolve("m.depaf").toString()), "depaf train: data file '", "x.tif' not found");
    }

    @Test
    void aCorruptTiffIsBadInputNamedInOneLine() throws IOException {
        final Path bad = dir.resolve("bad.tif");
        Files.write(bad, "this is not a TIFF file at all".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(run("train", bad.toString(), "--poi-sigma", "1", "--lambda", "0.01", "-o",
            dir.resolve("m.depaf").toString()), "depaf train: data file", "bad.tif", "not a TIFF");
    }

    @Test
    void aPoiLargerThanTheFramesIsBadInput() {
        final Path stack = simulatedStack(4, 24);
        final Path poi = dir.resolve("big.tif");
        assertEquals(0, run("poi", "gaussian", "--sigma", "2", "--size", "41", "-o", poi.toString()).code());
        final Run r = run("train", stack.toString(), "--poi", poi.toString(), "--lambda", "0.01", "-o",
            dir.resolve("m.depaf").toString());
        assertBadInput(r, "larger than the frames");
        assertFalse(Files.exists(dir.resolve("m.depaf")));
    }

    @Test
    void aNegativeLambdaIsBadInputNamingTheOption() {
        final Path stack = simulatedStack(4, 24);
        assertBadInput(run("train", stack.toString(), "--poi-sigma", "1", "--lambda", "-1", "-o",
            dir.resolve("m.depaf").toString()), "lambda", "--lambda");
    }

    @Test
    void anUnknownOptionIsBadUsageWithASuggestion() {
        assertBadInput(run("train", "data.tif", "--poi-sigma", "1", "--lamda", "0.01", "-o", "m.depaf"),
            "Unknown option", "--lamda", "did you mean --lambda");
        assertBadInput(run("evaluate", "a.csv", "b.csv", "--frobnicate"), "depaf evaluate", "--frobnicate");
    }

    @Test
    void verboseAddsTheStackTrace() {
        final Run r = run("evaluate", dir.resolve("a.csv").toString(), dir.resolve("b.csv").toString(),
            "--verbose");
        assertEquals(DepafCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    // ------------------------------------------------------------------ help and option values

    @ParameterizedTest
    @ValueSource(strings = {"demo", "train", "predict", "threshold", "background", "simulate", "evaluate", "render",
        "poi gaussian", "poi elliptical", "poi astigmatic", "poi spike", "poi calibrate"})
    void everySubcommandHasHelpWithAnExample(final String command) {
        final String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(
            String[]::new);
        final Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Example"), r.out());
        assertTrue(r.out().contains("depaf " + command), r.out());
    }

    @Test
    void trainHelpStatesThePresetDefaultsOfTheEngine() {
        final String help = run("train", "--help").out().replaceAll("\\s+", " ");
        final TrainingParameters paper = TrainingParameters.builder(TrainingParameters.Preset.PAPER, 0).build();
        final TrainingParameters cpu = TrainingParameters.builder(TrainingParameters.Preset.CPU, 0).build();
        assertTrue(help.contains("paper " + paper.trainPatches() + ", cpu " + cpu.trainPatches()), help);
        assertTrue(help.contains("paper " + paper.maxPatience() + ", cpu " + cpu.maxPatience()), help);
    }

    @Test
    void frameRangesCountFromOneAndBecomeZeroBasedIndices() {
        assertArrayEquals(new int[] {0, 1, 2, 4, 9}, new Converters.FrameRanges().convert("1-3, 5,10-10")
            .indices());
    }

    @Test
    void progressLinesAreThrottled() {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final long[] now = {0};
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            ProgressMonitor m = new ProgressMonitor(e, ProgressMonitor.Style.LINES, "training", new AtomicBoolean(),
                5, () -> now[0])) {
            for (int i = 0; i <= 100; i++) {
                now[0] = i * 100_000_000L; // 0.1 s per step, 10 s in all
                m.progress(i / 100.0, "iteration " + i);
            }
        }
        final long lines = err.toString(StandardCharsets.UTF_8).lines().count();
        assertEquals(3, lines, "at 0, 5 and 10 s:\n" + err);
    }
}
