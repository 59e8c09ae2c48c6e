package org.knime.depaf.core.loc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.loc.LocalisationTable.Column;

class LocalisationCsvTest {

    @TempDir
    Path dir;

    @Test
    void canRoundTripEmitterTableThroughCsvExactly() throws IOException {
        final SplittableRandom rng = new SplittableRandom(3);
        final LocalisationTable.Builder b = LocalisationTable.builder(100);
        for (int i = 0; i < 200; i++) {
            b.add(1 + rng.nextInt(20), rng.nextDouble() * 6400, rng.nextDouble() * 6400).z(rng.nextGaussian() * 300)
                .intensity(rng.nextDouble() * 5000).amplitude(rng.nextDouble() / 3).uncertainty(1e-5 + rng.nextDouble())
                .background(50.0).sigma(110.123456789).channel(i % 3).id(i + 1).extra("chi2", rng.nextDouble());
        }
        b.add(5, 0.1, 1e-300).amplitude(Double.NaN).extra("chi2", 7);
        final LocalisationTable t = b.build();
        final Path f = dir.resolve("locs.csv");
        LocalisationCsv.write(f, t);
        final LocalisationTable back = LocalisationCsv.read(f, 100);
        assertEquals(t, back);
        final String header = Files.readAllLines(f).get(0);
        assertEquals("\"id\",\"frame\",\"x [nm]\",\"y [nm]\",\"z [nm]\",\"sigma [nm]\",\"intensity [photon]\","
            + "\"offset [photon]\",\"uncertainty [nm]\",\"amplitude\",\"channel\",\"chi2\"", header);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void writesOnlyThePresentColumns() throws IOException {
        final Path f = dir.resolve("depaf.csv");
        LocalisationCsv.write(f, LocalisationTable.builder(100).add(1, 150, 250).amplitude(0.75).build());
        assertEquals(List.of("\"frame\",\"x [nm]\",\"y [nm]\",\"amplitude\"", "1,150.0,250.0,0.75"),
            Files.readAllLines(f));
    }

    @Test
    void readsThunderStormExports() throws IOException {
        final Path f = dir.resolve("ts.csv");
        Files.writeString(f, "\"id\",\"frame\",\"x [nm]\",\"y [nm]\",\"sigma [nm]\",\"intensity [photon]\","
            + "\"offset [photon]\",\"bkgstd [photon]\",\"uncertainty_xy [nm]\"\n"
            + "1,1.0,67.843,2484.15594,111.28713,2458.46515,50,4.47214,12.5\n"
            + "2,2.0,28.94544,3531.11794,107.34945,2253.50657,50,4.47214,10\n", StandardCharsets.UTF_8);
        final LocalisationTable t = LocalisationCsv.read(f, 100);
        assertEquals(2, t.size());
        assertEquals(2, t.frame(1));
        assertEquals(67.843, t.x(0));
        assertEquals(111.28713, t.sigma(0));
        assertEquals(2458.46515, t.intensity(0));
        assertEquals(50, t.background(1));
        assertEquals(12.5, t.uncertainty(0));
        assertEquals(2, t.id(1));
        assertEquals(List.of("bkgstd [photon]"), t.extraColumnNames());
        assertEquals(4.47214, t.extra("bkgstd [photon]", 0));
    }

    @Test
    void readsTheEpflChallengeFormatUnsorted() throws IOException {
        final Path f = dir.resolve("positions.csv");
        Files.writeString(f, "Ground-truth,frame,xnano,ynano,znano,intensity\n219,44,122.105,901.233,349.897,371.369\n"
            + "220,50,122.105,901.233,349.897,2204.959\n2043,6,1295.390,6068.141,572.108,1687.736\n");
        final LocalisationTable t = LocalisationCsv.read(f, 100);
        assertEquals(3, t.size());
        assertEquals(2043, t.id(2));
        assertEquals(572.108, t.z(2));
        assertEquals(2204.959, t.intensity(1));
        assertEquals(6, t.sortedByFrame().frame(0));
        assertEquals(1, t.frameIndex().count(44));
    }

    @Test
    void readsUnquotedTabSeparatedMicrometresAndComments() throws IOException {
        final Path f = dir.resolve("um.tsv");
        Files.writeString(f, "\uFEFF# a comment\nframe\tx [µm]\ty [um]\n\n3\t1.5\t0.25\n");
        final LocalisationTable t = LocalisationCsv.read(f, Double.NaN);
        assertEquals(1500, t.x(0), 1e-9);
        assertEquals(250, t.y(0), 1e-9);
        assertEquals(3, t.frame(0));
        assertFalse(t.has(Column.INTENSITY));
    }

    @Test
    void errorsNameTheFileLineAndColumn() throws IOException {
        final Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "frame,x [nm],y [nm]\n1,10,20\n2,abc,30\n");
        final IOException e = assertThrows(IOException.class, () -> LocalisationCsv.read(bad, 100));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 3")
            && e.getMessage().contains("'x [nm]'") && e.getMessage().contains("abc"), e.getMessage());

        final Path frame = dir.resolve("frame.csv");
        Files.writeString(frame, "frame,x [nm],y [nm]\n0,10,20\n");
        final IOException ef = assertThrows(IOException.class, () -> LocalisationCsv.read(frame, 100));
        assertTrue(ef.getMessage().contains("line 2") && ef.getMessage().contains("1-based"), ef.getMessage());

        final Path noX = dir.resolve("nox.csv");
        Files.writeString(noX, "frame,x [px],y [nm]\n1,10,20\n");
        final IOException ex = assertThrows(IOException.class, () -> LocalisationCsv.read(noX, 100));
        assertTrue(ex.getMessage().contains("no x column") && ex.getMessage().contains("'x [nm]'"), ex.getMessage());

        final Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, "frame,x [nm],y [nm]\n1,10\n");
        final IOException es = assertThrows(IOException.class, () -> LocalisationCsv.read(shortRow, 100));
        assertTrue(es.getMessage().contains("line 2") && es.getMessage().contains("expected 3"), es.getMessage());

        final Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertTrue(assertThrows(IOException.class, () -> LocalisationCsv.read(empty, 100)).getMessage()
            .contains("empty"));
    }

    @Test
    void failedWriteLeavesTheOldFile() throws IOException {
        final Path f = dir.resolve("missing-folder").resolve("x.csv");
        assertThrows(IOException.class, () -> LocalisationCsv.write(f, LocalisationTable.empty(100)));
        assertFalse(Files.exists(f));
    }

    @Test
    void splitsQuotedCells() {
        assertEquals(List.of("a,b", "c\"d", "e"), LocalisationCsv.split("\"a,b\",\"c\"\"d\", e ", ','));
    }
}
