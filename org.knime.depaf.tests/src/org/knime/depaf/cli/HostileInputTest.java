package org.knime.depaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;

/**
 * The command line against careless and unlucky users: outputs that would destroy an input or another output,
 * special files, standard output, stale temporary files, and the bad inputs every command must keep refusing with
 * one line. Every case runs in a folder of its own holding copies of the same small data; afterwards no file that
 * was there before may have changed (checksums), a refused run may not have added a file, and no temporary file may
 * be left.
 */
class HostileInputTest {

    @TempDir
    static Path fixtures;

    @TempDir
    Path dir;

    /** data.tif (6 frames of 32 × 32 px), gt.csv, loc.csv (= gt), model.depaf (a tiny trained model). */
    @BeforeAll
    static void makeFixtures() throws IOException {
        final SimulationConfig c = SimulationConfig.default2d().withFrames(6).withSizePx(32, 32).withSeed(3);
        final SimulationResult sim = SmlmSimulator.simulate(c);
        StackFiles.write(fixtures.resolve("data.tif"), sim.stack());
        LocalisationCsv.write(fixtures.resolve("gt.csv"), sim.groundTruth());
        LocalisationCsv.write(fixtures.resolve("loc.csv"), sim.groundTruth());
        final DepafCliTest.Run trained = DepafCliTest.run("train", fixtures.resolve("data.tif").toString(),
            "--poi-sigma", "1.1", "--lambda", "0.1", "--base-width", "4", "--train-patches", "8", "--val-patches",
            "2", "--batch-size", "4", "--threshold-patches", "4", "--max-iterations", "2", "--patch-size", "32",
            "-o", fixtures.resolve("model.depaf").toString(), "--quiet");
        assertEquals(0, trained.code(), trained.err());
    }

    /** One hostile run: its arguments (file names relative to the case's folder) and what must come of it. */
    record Case(String name, List<String> args, int exit, String firstLine, Setup setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Prepares a case's folder beyond the copied fixtures. */
    @FunctionalInterface
    interface Setup {
        void prepare(Path dir) throws IOException;
    }

    private static Case refuse(final String name, final String firstLine, final String... args) {
        return new Case(name, List.of(args), DepafCli.EXIT_USAGE, firstLine, d -> { });
    }

    private static Case refuse(final String name, final Setup setup, final String firstLine, final String... args) {
        return new Case(name, List.of(args), DepafCli.EXIT_USAGE, firstLine, setup);
    }

    static Stream<Case> refusals() {
        return Stream.of(
            // an output that is an input (issue: "writing onto an input destroys it, with exit 0")
            refuse("predict -o onto the data file", "depaf predict: localisation file (-o) 'data.tif' will hold a "
                + "CSV table but its name says a TIFF image stack", "predict", "model.depaf", "data.tif", "-o",
                "data.tif"),
            refuse("predict --isyn onto the data file", "depaf predict: ISyn file (--isyn) 'data.tif' is the data "
                + "file (DATA) 'data.tif'", "predict", "model.depaf", "data.tif", "--isyn", "data.tif"),
            refuse("predict -o onto the model", "will hold a CSV table but its name says a DEPAF model", "predict",
                "model.depaf", "data.tif", "-o", "model.depaf"),
            refuse("train -o onto the data file", "depaf train: model file (-o) 'data.tif' will hold a DEPAF model",
                "train", "data.tif", "--poi-sigma", "1", "--lambda", "0.1", "-o", "data.tif"),
            refuse("train -o and --history on one CSV", "depaf train: model file (-o) 'h.csv' will hold a DEPAF "
                + "model but its name says a CSV table", "train", "data.tif", "--poi-sigma", "1", "--lambda", "0.1",
                "-o", "h.csv", "--history", "h.csv"),
            refuse("train --history and --threshold-curve on one file", "depaf train: threshold curve file "
                + "(--threshold-curve) 'h.csv' and history file (--history) 'h.csv' are the same file", "train",
                "data.tif", "--poi-sigma", "1", "--lambda", "0.1", "-o", "m.depaf", "--history", "h.csv",
                "--threshold-curve", "h.csv"),
            refuse("train -o onto the POI file", "depaf train: model file (-o) 'data.tif'", "train", "data.tif",
                "--poi", "data.tif", "--lambda", "0.1", "-o", "data.tif"),
            refuse("background -o onto the data file", "depaf background: background file (-o) 'data.tif' is the "
                + "data file (DATA)", "background", "model.depaf", "data.tif", "-o", "data.tif"),
            refuse("background --subtracted onto -o", "are the same file", "background", "model.depaf", "data.tif",
                "-o", "bg.tif", "--subtracted", "bg.tif"),
            refuse("threshold -o onto the model it retunes", "depaf threshold: model file (-o) 'model.depaf' is the "
                + "model file (MODEL)", "threshold", "model.depaf", "data.tif", "-o", "model.depaf"),
            refuse("simulate --ground-truth onto the stack", "depaf simulate: ground-truth file (--ground-truth) "
                + "'s.tif' will hold a CSV table but its name says a TIFF image stack", "simulate", "--frames", "2",
                "-o", "s.tif", "--ground-truth", "s.tif"),
            refuse("simulate -o as a CSV", "depaf simulate: stack file (-o) 's.csv' will hold a TIFF image stack",
                "simulate", "--frames", "2", "-o", "s.csv", "--ground-truth", "gt2.csv"),
            refuse("evaluate --csv onto the localisations", "depaf evaluate: metrics file (--csv) 'loc.csv' is the "
                + "localisation file (LOCALISATIONS)", "evaluate", "loc.csv", "gt.csv", "--csv", "loc.csv"),
            refuse("evaluate --csv onto the ground truth", "is the ground-truth file (GROUND_TRUTH)", "evaluate",
                "loc.csv", "gt.csv", "--csv", "gt.csv"),
            refuse("render -o onto its --image", "depaf render: image file (-o) 'data.tif' is the image stack "
                + "(--image)", "render", "loc.csv", "-o", "data.tif", "--image", "data.tif"),
            refuse("render -o as a CSV", "the name must end in .png, .tif or .tiff", "render", "loc.csv", "-o",
                "loc.csv"),
            refuse("poi calibrate -o onto the beads", "depaf poi calibrate: POI file (-o) 'data.tif' is the bead "
                + "stack (BEADS)", "poi", "calibrate", "data.tif", "--z-step", "10", "-o", "data.tif"),
            refuse("a hard link to the data as output", d -> Files.createLink(d.resolve("alias.tif"),
                d.resolve("data.tif")), "ISyn file (--isyn) 'alias.tif' is the data file (DATA) 'data.tif'",
                "predict", "model.depaf", "data.tif", "--isyn", "alias.tif"),
            refuse("a symbolic link to the data as output", d -> Files.createSymbolicLink(d.resolve("link.tif"),
                d.resolve("data.tif")), "ISyn file (--isyn) 'link.tif' is the data file (DATA)", "predict",
                "model.depaf", "data.tif", "--isyn", "link.tif"),
            // special files are never replaced (issue: "a device node or symlink given as -o becomes a file")
            refuse("a folder as output", d -> Files.createDirectory(d.resolve("out.csv")), "depaf predict: "
                + "localisation file (-o) 'out.csv' exists and is a folder", "predict", "model.depaf", "data.tif",
                "-o", "out.csv"),
            refuse("a named pipe as output", d -> mkfifo(d.resolve("pipe.csv")), "depaf evaluate: metrics file "
                + "(--csv) 'pipe.csv' exists and is not a regular file", "evaluate", "loc.csv", "gt.csv", "--csv",
                "pipe.csv"),
            refuse("/dev/null as output", "depaf evaluate: metrics file (--csv) '/dev/null' exists and is not a "
                + "regular file", "evaluate", "loc.csv", "gt.csv", "--csv", "/dev/null"),
            // standard output takes tables only, one at a time
            refuse("an image to standard output", "depaf predict: ISyn file (--isyn): only tables can go to "
                + "standard output", "predict", "model.depaf", "data.tif", "--isyn", "-"),
            refuse("two tables to standard output", "depaf train: only one output can go to standard output",
                "train", "data.tif", "--poi-sigma", "1", "--lambda", "0.1", "-o", "m.depaf", "--history", "-",
                "--threshold-curve", "-"),
            // bad input that already gave one line, kept so
            refuse("a missing data file", "depaf predict: data file 'nothing.tif' not found", "predict",
                "model.depaf", "nothing.tif", "-o", "l.csv"),
            refuse("a folder as data", d -> Files.createDirectory(d.resolve("frames.tif")), "depaf predict: data "
                + "file 'frames.tif' is a folder", "predict", "model.depaf", "frames.tif", "-o", "l.csv"),
            refuse("an empty file name as data", "depaf evaluate: localisation file: the file name is empty",
                "evaluate", "", "gt.csv"),
            refuse("standard input as data", "depaf evaluate: localisation file '/dev/stdin' is not a regular file",
                "evaluate", "/dev/stdin", "gt.csv"),
            refuse("a corrupt TIFF", d -> Files.writeString(d.resolve("bad.tif"), "not a tiff at all"),
                "depaf predict: data file", "predict", "model.depaf", "bad.tif", "-o", "l.csv"),
            refuse("a truncated TIFF", d -> truncate(d.resolve("data.tif"), d.resolve("cut.tif"), 700),
                "depaf predict: data file", "predict", "model.depaf", "cut.tif", "-o", "l.csv"),
            refuse("an empty TIFF", d -> Files.createFile(d.resolve("empty.tif")), "depaf train: data file",
                "train", "empty.tif", "--poi-sigma", "1", "--lambda", "0.1", "-o", "m.depaf"),
            refuse("a CSV with text for x", d -> Files.writeString(d.resolve("text.csv"),
                "frame,x [nm],y [nm]\n1,left,5\n"), "depaf evaluate: localisation file", "evaluate", "text.csv",
                "gt.csv"),
            refuse("a CSV without positions", d -> Files.writeString(d.resolve("cols.csv"), "frame,a,b\n1,2,3\n"),
                "depaf evaluate: localisation file", "evaluate", "cols.csv", "gt.csv"),
            refuse("a damaged model file", d -> truncate(d.resolve("model.depaf"), d.resolve("cut.depaf"), 300),
                "depaf predict: model file", "predict", "cut.depaf", "data.tif", "-o", "l.csv"),
            refuse("a TIFF given as model", "depaf predict: model file", "predict", "data.tif", "data.tif", "-o",
                "l.csv"),
            refuse("a negative λ", "depaf train:", "train", "data.tif", "--poi-sigma", "1", "--lambda", "-1", "-o",
                "m.depaf"),
            refuse("a POI larger than the frames", "depaf train:", "train", "data.tif", "--poi-sigma", "12",
                "--lambda", "0.1", "-o", "m.depaf"),
            refuse("a mistyped option", "did you mean", "predict", "model.depaf", "data.tif", "--outptu", "l.csv"),
            refuse("a border without a field", "depaf evaluate: --border needs --field", "evaluate", "loc.csv",
                "gt.csv", "--border", "450"),
            refuse("the demo into a folder of the user's data", d -> Files.createDirectory(d.resolve("mine"))
                .resolve("data.tif").toFile().createNewFile(), "depaf demo: the folder 'mine' holds data.tif",
                "demo", "--quick", "--out", "mine"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWithOneLineAndNothingChanges(final Case c) throws IOException {
        copyFixtures();
        c.setup().prepare(dir);
        final Map<String, String> before = checksums();
        final DepafCliTest.Run r = run(c.args());
        assertEquals(c.exit(), r.code(), c.name() + ": " + r.err());
        assertFalse(r.errLines().isEmpty(), "no message");
        // the messages name the files as given: absolute here, so compare with the folder left out
        final String first = r.errLines().get(0).replace(dir + "/", "");
        assertTrue(first.contains(c.firstLine()), c.name() + ": expected '" + c.firstLine() + "' in\n" + first);
        assertTrue(first.startsWith("depaf "), "one line naming the command: " + first);
        assertEquals(before, checksums(), c.name() + ": files changed or appeared");
    }

    @Test
    void aSymbolicLinkToAnOutputIsWrittenThroughAndStaysALink() throws IOException {
        copyFixtures();
        final Path real = Files.writeString(dir.resolve("real.csv"), "old content");
        final Path link = Files.createSymbolicLink(dir.resolve("metrics.csv"), real);
        final DepafCliTest.Run r = run(List.of("evaluate", "loc.csv", "gt.csv", "--csv", "metrics.csv"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
        assertTrue(Files.readString(real).startsWith("\"tolerance [nm]\""), Files.readString(real));
        assertEquals(Map.of(), temporaryFiles());
    }

    @Test
    void tablesGoToStandardOutputAndMessagesToStandardError() throws IOException {
        copyFixtures();
        final DepafCliTest.Run predicted = run(List.of("predict", "model.depaf", "data.tif", "-o", "-"));
        assertEquals(0, predicted.code(), predicted.err());
        assertTrue(predicted.out().startsWith("\"frame\","), predicted.out().lines().findFirst().orElse(""));
        final Path piped = Files.writeString(dir.resolve("piped.csv"), predicted.out());
        assertTrue(LocalisationCsv.read(piped, Double.NaN).size() > 0, "the CSV on standard output reads back");
        final DepafCliTest.Run metrics = run(List.of("evaluate", "loc.csv", "gt.csv", "--csv", "-"));
        assertEquals(0, metrics.code(), metrics.err());
        assertTrue(metrics.out().startsWith("\"tolerance [nm]\""), metrics.out());
        assertTrue(metrics.err().contains("Jaccard"), "the text table went to standard error: " + metrics.err());
        final DepafCliTest.Run sim = run(List.of("simulate", "--frames", "2", "-o", "s.tif", "--ground-truth", "-"));
        assertEquals(0, sim.code(), sim.err());
        assertTrue(sim.out().startsWith("\"id\",\"frame\","), sim.out().lines().findFirst().orElse(""));
        assertTrue(Files.isRegularFile(dir.resolve("s.tif")));
    }

    @Test
    void aFailingStandardOutputFailsTheRun() throws IOException {
        copyFixtures();
        final PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(final int b) throws IOException {
                throw new IOException("No space left on device");
            }
        }, true, StandardCharsets.UTF_8);
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new DepafCli(broken, e, ProgressMonitor.Style.LINES, new AtomicBoolean(), 1).execute("evaluate",
                dir.resolve("loc.csv").toString(), dir.resolve("gt.csv").toString());
        }
        assertEquals(DepafCli.EXIT_FAILED, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("writing to standard output failed"),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void temporaryFilesOfAKilledRunAreRemovedByTheNextWrite() throws IOException {
        copyFixtures();
        // a run that no longer exists (no process has this id), and a leftover of an older version, an hour old
        final Path dead = Files.writeString(dir.resolve(".metrics.csv." + Long.MAX_VALUE / 2 + "-abc.tmp"), "x");
        final Path old = Files.writeString(dir.resolve(".metrics.csv.k3j2h.tmp"), "x");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        // a temporary file of a run still going (this process) is not touched
        final Path alive = Files.writeString(dir.resolve(".metrics.csv." + ProcessHandle.current().pid()
            + "-zzz.tmp"), "x");
        final DepafCliTest.Run r = run(List.of("evaluate", "loc.csv", "gt.csv", "--csv", "metrics.csv"));
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(dead), "leftover of a killed run");
        assertFalse(Files.exists(old), "leftover of an older version");
        assertTrue(Files.exists(alive), "the temporary file of a running writer");
        Files.delete(alive);
        assertEquals(Map.of(), temporaryFiles());
    }

    @Test
    void aCancelledRunLeavesNoOutputAndNoTemporaryFile() throws IOException {
        copyFixtures();
        final Map<String, String> before = checksums();
        final AtomicBoolean cancelled = new AtomicBoolean(true); // Ctrl-C before the first frame
        final DepafCliTest.Run r = DepafCliTest.run(cancelled, absolute(List.of("predict", "model.depaf",
            "data.tif", "-o", "loc2.csv", "--isyn", "isyn.tif")));
        assertEquals(DepafCli.EXIT_CANCELLED, r.code(), r.err());
        assertEquals(before, checksums(), "a cancelled run changed or added files");
    }

    @Test
    void aNonFinitePixelIsReplacedAndReportedNotSilentlyEmptyingItsFrame() throws IOException {
        copyFixtures();
        final ImageStack clean = StackFiles.read(dir.resolve("data.tif"));
        final float[] pixels = clean.pixels().clone();
        pixels[clean.frameOffset(2) + 5 * clean.width() + 7] = Float.NaN;
        StackFiles.write(dir.resolve("nan.tif"), new ImageStack(pixels, clean.frames(), clean.height(),
            clean.width(), clean.pixelSizeNm(), "with a NaN"), TiffBitDepth.FLOAT32);
        final DepafCliTest.Run withNan = run(List.of("predict", "model.depaf", "nan.tif", "-o", "nan.csv"));
        final DepafCliTest.Run without = run(List.of("predict", "model.depaf", "data.tif", "-o", "clean.csv"));
        assertEquals(0, withNan.code(), withNan.err());
        assertTrue(withNan.err().contains("warning: 1 non-finite pixel"), withNan.err());
        assertTrue(withNan.err().contains("frame 3, x 7, y 5"), withNan.err());
        final var a = LocalisationCsv.read(dir.resolve("nan.csv"), Double.NaN);
        final var b = LocalisationCsv.read(dir.resolve("clean.csv"), Double.NaN);
        assertEquals(b.filter(i -> b.frame(i) == 3).size(), a.filter(i -> a.frame(i) == 3).size(),
            "the frame with the NaN keeps its localisations");
    }

    @Test
    void ctrlCStopsAnEvaluationAtOnce() throws IOException {
        copyFixtures();
        final DepafCliTest.Run r = DepafCliTest.run(new AtomicBoolean(true), absolute(List.of("evaluate", "loc.csv",
            "gt.csv", "--csv", "m.csv")));
        assertEquals(DepafCli.EXIT_CANCELLED, r.code(), r.err());
        assertFalse(Files.exists(dir.resolve("m.csv")));
    }

    private DepafCliTest.Run run(final List<String> args) {
        return DepafCliTest.run(absolute(args));
    }

    /** Resolves the arguments that name fixture files against the case's folder; the rest stays as it is. */
    private String[] absolute(final List<String> args) {
        final List<String> out = new ArrayList<>();
        for (final String a : args) {
            final boolean file = !a.startsWith("-") && !a.isEmpty() && a.matches(".*\\.(tif|csv|depaf)|mine");
            out.add(file && !a.startsWith("/") ? dir.resolve(a).toString() : a);
        }
        return out.toArray(new String[0]);
    }

    private void copyFixtures() throws IOException {
        for (final String f : List.of("data.tif", "gt.csv", "loc.csv", "model.depaf")) {
            Files.copy(fixtures.resolve(f), dir.resolve(f));
        }
    }

    /** @return path → SHA-256 of every file below the case's folder (links by their target's content) */
    private Map<String, String> checksums() throws IOException {
        final Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (final Path p : all.toList()) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString(), sha256(p));
                } else if (!Files.isDirectory(p)) {
                    out.put(dir.relativize(p).toString(), "special");
                }
            }
        }
        return out;
    }

    private Map<String, String> temporaryFiles() throws IOException {
        final Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(p -> out.put(p.toString(), ""));
        }
        return out;
    }

    private static String sha256(final Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void truncate(final Path from, final Path to, final int bytes) throws IOException {
        final byte[] all = Files.readAllBytes(from);
        Files.write(to, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
    }

    private static void mkfifo(final Path p) throws IOException {
        try {
            final Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
            assertEquals(0, mk.waitFor(), "mkfifo failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
