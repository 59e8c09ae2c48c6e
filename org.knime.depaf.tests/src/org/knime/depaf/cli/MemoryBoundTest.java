package org.knime.depaf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.model.ModelFileTest;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SmlmSimulator;

/**
 * Small inputs never exhaust memory: the command line runs in a separate JVM limited to 1 GB of heap
 * ({@code -Xmx1g}) on inputs under 1 MB that once took gigabytes (a frame number of two billion, a huge simulation,
 * a huge POI, a damaged model), and either works or refuses with exit code 2 and one line, never with
 * OutOfMemoryError.
 */
class MemoryBoundTest {

    private static Path dir;

    private static String classPath;

    @BeforeAll
    static void prepare() throws IOException {
        final String repository = System.getProperty("depaf.repository");
        Assumptions.assumeTrue(repository != null, "needs -Ddepaf.repository (set by the build)");
        final Path repo = Path.of(repository);
        final String natives = switch (System.getProperty("os.name").toLowerCase().contains("mac") ? "mac"
            : System.getProperty("os.name").toLowerCase().contains("win") ? "win" : "linux") {
            case "mac" -> System.getProperty("os.arch").contains("aarch64") ? "macosx.aarch64" : "macosx.x86_64";
            case "win" -> "win32.x86_64";
            default -> "linux.x86_64";
        };
        final List<String> entries = new ArrayList<>();
        entries.add(repo.resolve("org.knime.depaf/target/classes").toString());
        entries.add(repo.resolve("org.knime.depaf/lib/*").toString());
        entries.add(repo.resolve("org.knime.depaf.natives/org.knime.depaf.natives." + natives + "/lib/*").toString());
        classPath = String.join(File.pathSeparator, entries);
        dir = Files.createTempDirectory("depaf-memory");
        final SimulationConfig c = SimulationConfig.default2d().withFrames(6).withSizePx(32, 32).withSeed(5);
        StackFiles.write(dir.resolve("data.tif"), SmlmSimulator.simulate(c).stack());
        Files.writeString(dir.resolve("gt.csv"), "\"frame\",\"x [nm]\",\"y [nm]\"\n1,100,100\n2000000000,200,200\n");
        Files.writeString(dir.resolve("loc.csv"), "\"frame\",\"x [nm]\",\"y [nm]\"\n1,110,100\n2000000000,205,200\n");
        final DepafCliTest.Run trained = DepafCliTest.run("train", dir.resolve("data.tif").toString(), "--poi-sigma",
            "1.1", "--lambda", "0.1", "--base-width", "4", "--train-patches", "8", "--val-patches", "2",
            "--batch-size", "4", "--threshold-patches", "4", "--max-iterations", "2", "--patch-size", "32", "-o",
            dir.resolve("model.depaf").toString(), "--quiet");
        assertEquals(0, trained.code(), trained.err());
        ModelFileTest.rewriteMetadata(dir.resolve("model.depaf"), dir.resolve("huge.depaf"), "upsampling.y", "1e6");
        for (final Path p : List.of(dir.resolve("data.tif"), dir.resolve("model.depaf"))) {
            assertTrue(Files.size(p) < 1_000_000, p + " is not a small input");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        two frames two billion apart     | 0 | Jaccard                 | evaluate loc.csv gt.csv
        a simulation of 100000 px frames | 2 | depaf simulate: A simula | simulate --size 100000 -o big.tif
        100000 frames of 64 px (1.6 GB)  | 2 | depaf simulate: A simula | simulate --frames 100000 -o many.tif
        a POI of sigma 1000 px           | 2 | depaf train:             | train data.tif --poi-sigma 1000 -o m.depaf
        a model with upsampling 1e6      | 2 | is damaged               | predict huge.depaf data.tif -o l.csv
        an ordinary prediction           | 0 | localisations in 6 frame | predict model.depaf data.tif -o l.csv
        """)
    void fitsInOneGigabyteOrIsRefused(final String what, final int exit, final String said, final String args)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
            "-Xmx1g", "-Djava.awt.headless=true", "-cp", classPath, DepafCli.class.getName()));
        for (final String a : args.split(" ")) {
            command.add(a.matches(".*\\.(tif|csv|depaf)") ? dir.resolve(a).toString() : a);
        }
        if (args.startsWith("train")) {
            command.addAll(List.of("--lambda", "0.1"));
        }
        final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        final Process p = pb.start();
        final boolean done = p.waitFor(180, TimeUnit.SECONDS);
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, what + ": still running after 3 minutes\n" + output);
        assertFalse(output.contains("OutOfMemoryError") || output.contains("out of memory"), what + ":\n" + output);
        assertEquals(exit, p.exitValue(), what + ":\n" + output);
        assertTrue(output.contains(said), what + ": expected '" + said + "' in\n" + output);
    }
}
