package d2l.mlp.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A results directory held by one run. Claiming it creates it, proves it writable and locks it, before any work
 * starts; each experiment's folder is written in a staging folder beside it and swapped in whole, so a reader never
 * sees it half-updated and a run that fails or is interrupted leaves the previous folder as it was.
 */
public final class OutputDirectory implements AutoCloseable {

    static final String LOCK = ".d2l-mlp.lock";
    private static final String STAGING = ".staging-";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread interruptHook;
    private volatile String running;

    private OutputDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.interruptHook = new Thread(() -> {
            String name = running;
            if (name != null) {
                System.err.println("d2l-mlp: interrupted while running " + name + "; nothing of " + name
                        + " was written, " + root.resolve(name) + " is as it was");
            }
            removeStaging();
        });
        Runtime.getRuntime().addShutdownHook(interruptHook);
    }

    /**
     * Creates {@code dir} if needed, checks that a file can be written in it, and locks it against a second run.
     *
     * @throws IOException with a message saying what failed and what to do
     */
    public static OutputDirectory claim(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot write results to " + root + " (" + describe(e)
                    + "); choose a writable directory with --out", e);
        }
        FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another d2l-mlp run is writing to " + root + "; wait for it to finish or choose "
                    + "another --out");
        }
        OutputDirectory out = new OutputDirectory(root, channel, lock);
        out.removeStaging(); // left by a run that was killed outright
        return out;
    }

    private static String describe(Exception e) {
        String what = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }

    /** The directory. */
    public Path path() {
        return root;
    }

    /** Marks {@code name} as the experiment running, for the message on an interrupt; closing clears it. */
    public AutoCloseable running(String name) {
        running = name;
        return () -> running = null;
    }

    /** Fills an experiment's folder. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path folder) throws IOException;
    }

    /**
     * Replaces the folder {@code name} with what {@code filler} writes: into a staging folder first, then swapped in
     * by renames, so the folder is either the old one or the complete new one.
     */
    public void replace(String name, Filler filler) throws IOException {
        Path staging = root.resolve(STAGING + name);
        deleteTree(staging);
        Files.createDirectories(staging);
        try {
            filler.fill(staging);
            Path target = root.resolve(name);
            Path old = root.resolve(STAGING + name + ".old");
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } finally {
            deleteTree(staging);
        }
    }

    private void removeStaging() {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(STAGING)).toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            // best effort: a leftover staging folder is hidden and removed by the next run
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(interruptHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
        lock.release();
        lockChannel.close();
        Files.deleteIfExists(root.resolve(LOCK));
    }
}
