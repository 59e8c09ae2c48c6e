package org.knime.depaf.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void successfulWriteCreatesTheFileAndLeavesNoTemporaryFile() throws IOException {
        final Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, out -> out.write(new byte[]{1, 2, 3}));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void successfulWriteReplacesAnExistingFile() throws IOException {
        final Path target = dir.resolve("out.txt");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void failingWriterLeavesNoFileAndNoTemporaryFile() throws IOException {
        final Path target = dir.resolve("out.bin");
        final IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        // every I/O error names its file (a bare "No space left on device" would not say which)
        assertEquals("Cannot write " + target + ": disk full", e.getMessage());
        assertEquals(List.of(), listing());
    }

    @Test
    void cancelledWriterLeavesTheExistingFileUnchangedAndNoTemporaryFile() throws IOException {
        final Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        assertThrows(CancelledException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new CancelledException();
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void pathWriterFailureLeavesNoTemporaryFile() throws IOException {
        final Path target = dir.resolve("out.txt");
        assertThrows(CancelledException.class, () -> AtomicFiles.writeVia(target, temp -> {
            Files.writeString(temp, "partial");
            throw new CancelledException();
        }));
        assertEquals(List.of(), listing());
    }

    @Test
    void pathWriterResultReplacesTheTarget() throws IOException {
        final Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        AtomicFiles.writeVia(target, temp -> Files.writeString(temp, "new"));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void missingFolderIsReportedNamingTheFolder() {
        final Path target = dir.resolve("no-such-folder").resolve("out.txt");
        final IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void writerClosingTheStreamEarlyDoesNotLoseData() throws IOException {
        final Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, out -> {
            out.write(new byte[]{4, 5});
            out.close();
        });
        assertArrayEquals(new byte[]{4, 5}, Files.readAllBytes(target));
    }

    @Test
    void aNewFileGetsTheUsualPermissionsAndAReplacedFileKeepsItsOwn() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.getFileStore(dir)
            .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class), "POSIX file system");
        final Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        final Path written = dir.resolve("written.txt");
        AtomicFiles.write(written, out -> out.write('y'));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written),
            "an atomically written file gets the same permissions as a plainly written one");

        final Path shared = dir.resolve("shared.txt");
        Files.writeString(shared, "old");
        final var groupWritable = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(shared, groupWritable);
        AtomicFiles.write(shared, out -> out.write('z'));
        assertEquals(groupWritable, Files.getPosixFilePermissions(shared));
    }
}
