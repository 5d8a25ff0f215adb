package d2l.mlp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results directory: checked before work, one run at a time, folders replaced whole or not at all. */
class OutputDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        IOException e = assertThrows(IOException.class, () -> OutputDirectory.claim(file.resolve("out")));
        assertTrue(e.getMessage().startsWith("cannot write results to " + file.resolve("out")), e.getMessage());
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
        e = assertThrows(IOException.class, () -> OutputDirectory.claim(file));
        assertTrue(e.getMessage().contains("it is a file, not a directory"), e.getMessage());
        assertEquals("x", Files.readString(file), "the file is left alone");
    }

    @Test
    void aSecondClaimFailsInThisProcessAndInAnotherAndDoesNotUnlockTheFirst() throws Exception {
        Path dir = tmp.resolve("out");
        try (OutputDirectory first = OutputDirectory.claim(dir)) {
            IOException e = assertThrows(IOException.class, () -> OutputDirectory.claim(dir));
            assertTrue(e.getMessage().startsWith("another d2l-mlp run is writing to " + dir), e.getMessage());
            // The failed claim above must not have released the first one's lock for other processes.
            Process other = ClaimingProcess.start(tmp.resolve("stderr.txt"), "claim", dir.toString());
            assertEquals(3, waitFor(other), "a second process cannot claim it");
            assertTrue(stdout(other).contains("another d2l-mlp run is writing to " + dir), stdout(other));
        }
        Process after = ClaimingProcess.start(tmp.resolve("stderr.txt"), "claim", dir.toString());
        assertEquals(0, waitFor(after), "free again once the first run closed it: " + stdout(after));
        try (OutputDirectory again = OutputDirectory.claim(dir)) {
            assertEquals(dir, again.path());
        }
    }

    @Test
    void aWriterThatFailsHalfwayLeavesThePreviousFolder() throws IOException {
        try (OutputDirectory out = OutputDirectory.claim(tmp)) {
            out.replace("exp", folder -> {
                Files.writeString(folder.resolve("a.txt"), "old a");
                Files.writeString(folder.resolve("b.txt"), "old b");
            });
            IOException e = assertThrows(
                    IOException.class,
                    () -> out.replace("exp", folder -> {
                        Files.writeString(folder.resolve("a.txt"), "new a");
                        throw new IOException("disk full");
                    }));
            assertEquals("disk full", e.getMessage());
        }
        assertEquals("old a", Files.readString(tmp.resolve("exp/a.txt")));
        assertEquals("old b", Files.readString(tmp.resolve("exp/b.txt")));
        assertEquals(List.of(), staging(tmp));
    }

    @Test
    void aWriterKilledMidwayLeavesThePreviousFolderAndTheNextClaimCleansUp() throws Exception {
        Path dir = tmp.resolve("out");
        try (OutputDirectory out = OutputDirectory.claim(dir)) {
            out.replace("exp", folder -> Files.writeString(folder.resolve("a.txt"), "old"));
        }
        Process writer = ClaimingProcess.start(tmp.resolve("stderr.txt"), "write", dir.toString(), "exp");
        try (BufferedReader lines = reader(writer)) {
            assertEquals("writing", lines.readLine(), "the writer started");
        }
        writer.destroyForcibly(); // SIGKILL: no shutdown hook runs
        writer.waitFor(30, TimeUnit.SECONDS);
        assertEquals(List.of("a.txt"), names(dir.resolve("exp")), "the previous folder is untouched");
        assertFalse(staging(dir).isEmpty(), "the killed writer left its staging folder");
        try (OutputDirectory next = OutputDirectory.claim(dir)) {
            assertEquals(List.of(), staging(dir), "the next claim removed it");
        }
        assertEquals("old", Files.readString(dir.resolve("exp/a.txt")));
    }

    @Test
    void aWriterTerminatedMidwaySaysWhatItWasDoingAndLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("out");
        try (OutputDirectory out = OutputDirectory.claim(dir)) {
            out.replace("exp", folder -> Files.writeString(folder.resolve("a.txt"), "old"));
        }
        Process writer = ClaimingProcess.start(tmp.resolve("stderr.txt"), "write", dir.toString(), "exp");
        try (BufferedReader lines = reader(writer)) {
            assertEquals("writing", lines.readLine(), "the writer started");
        }
        writer.destroy(); // SIGTERM: the shutdown hook runs
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("stderr.txt"));
        assertTrue(err.contains("interrupted while running exp"), err);
        assertEquals(List.of("a.txt"), names(dir.resolve("exp")));
        assertEquals(List.of(), staging(dir), "the hook removed the staging folder");
    }

    @Test
    void aRunKilledBetweenTheTwoRenamesGetsItsOldFolderBack() throws IOException {
        // killed after moving exp aside and before moving the new one in: only the old copy exists
        Files.createDirectories(tmp.resolve(".staging-exp.old"));
        Files.writeString(tmp.resolve(".staging-exp.old/a.txt"), "old");
        // killed after both renames: the old copy is obsolete
        Files.createDirectories(tmp.resolve("done/"));
        Files.writeString(tmp.resolve("done/a.txt"), "new");
        Files.createDirectories(tmp.resolve(".staging-done.old"));
        try (OutputDirectory out = OutputDirectory.claim(tmp)) {
            assertEquals("old", Files.readString(tmp.resolve("exp/a.txt")));
            assertEquals("new", Files.readString(tmp.resolve("done/a.txt")));
            assertEquals(List.of(), staging(tmp));
        }
    }

    private static int waitFor(Process p) throws InterruptedException {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        return p.exitValue();
    }

    private static String stdout(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static List<String> staging(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".staging-"))
                    .toList();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
