package d2l.mlp.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way the project writes a file: into a temporary file beside the target, then an atomic rename over it, so
 * a reader (or a run killed mid-write) sees the old file or the new one, never a truncated one.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes {@code text} (UTF-8) to {@code target}. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a fresh name, created like any new file (so the umask sets its mode: createTempFile would make it 0600)
        Path part = dir.resolve(
                "." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".part");
        try {
            Files.write(part, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            moveAtomically(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Renames {@code from} over {@code to} in one step; fails rather than copy where the file system cannot. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "cannot rename " + from + " to " + to + " in one step (" + e.getMessage()
                            + "); write the results to a local directory with --out",
                    e);
        }
    }
}
