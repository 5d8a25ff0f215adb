package d2l.mlp.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A results directory held by one run. Claiming it creates it, proves it writable and locks it, before any work
 * starts; each experiment's folder is written in a staging folder beside it and swapped in whole, so a reader never
 * sees it half-updated and a run that fails or is interrupted leaves the previous folder as it was.
 */
public final class OutputDirectory implements AutoCloseable {

    static final String LOCK = ".d2l-mlp.lock";
    private static final String STAGING = ".staging-";
    /** A staging folder set aside to be deleted. */
    private static final String GONE = ".gone";

    private static final String OLD = ".old";

    /**
     * Directories claimed by this JVM. A second claim must fail here, before it opens the lock file: on Linux,
     * closing any channel to a file drops every lock this process holds on it, so the failed claim would unlock the
     * first one for other processes.
     */
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread interruptHook;
    /** Guards the swap of a folder against the shutdown hook's clean-up. */
    private final Object swap = new Object();

    private boolean shuttingDown;
    private volatile String running;

    private OutputDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.interruptHook = new Thread(this::interrupted, "d2l-mlp output clean-up");
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
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new IOException("it is a file, not a directory");
            }
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException(
                    "cannot write results to " + root + " (" + describe(e)
                            + "); choose a writable directory with --out",
                    e);
        }
        if (!CLAIMED.add(root)) {
            throw busy(root);
        }
        try {
            // The lock file stays when the run ends: deleting it would let a third run lock a new file while a
            // second one holds the old, unlinked one.
            FileChannel channel =
                    FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw busy(root);
            }
            OutputDirectory out = new OutputDirectory(root, channel, lock);
            out.recover(); // left by a run that was killed outright
            return out;
        } catch (IOException | RuntimeException e) {
            CLAIMED.remove(root);
            throw e;
        }
    }

    private static IOException busy(Path root) {
        return new IOException(
                "another d2l-mlp run is writing to " + root + "; wait for it to finish or choose " + "another --out");
    }

    private static String describe(Exception e) {
        if (e.getClass() == IOException.class) {
            return e.getMessage();
        }
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
     * by renames, so the folder is either the old one or the complete new one. A run killed between the two renames
     * leaves the old folder as {@code .staging-NAME.old}; the next claim puts it back.
     */
    public void replace(String name, Filler filler) throws IOException {
        Path staging = root.resolve(STAGING + name);
        deleteTree(staging);
        Files.createDirectories(staging);
        try {
            filler.fill(staging);
            Path target = root.resolve(name);
            Path old = root.resolve(STAGING + name + OLD);
            synchronized (swap) {
                if (shuttingDown) {
                    throw new IOException("interrupted before " + target + " was replaced; it is as it was");
                }
                deleteTree(old);
                if (Files.exists(target)) {
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
        } finally {
            deleteTree(staging);
        }
    }

    /** The shutdown hook: says what was interrupted and removes what it left. */
    private void interrupted() {
        synchronized (swap) {
            shuttingDown = true;
            String name = running;
            if (name != null) {
                System.err.println("d2l-mlp: interrupted while running " + name + "; nothing of this run was "
                        + "written to " + root.resolve(name) + ", which is as it was");
            }
            // The writer may still be adding files to its staging folder; try again if it did meanwhile.
            for (int attempt = 0; attempt < 3 && !recover(); attempt++) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Removes staging folders and puts back an old folder whose replacement never arrived; whether all went.
     */
    private boolean recover() {
        boolean clean = true;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(STAGING))
                    .toList()) {
                String file = p.getFileName().toString();
                try {
                    Path target = file.endsWith(OLD)
                            ? root.resolve(file.substring(STAGING.length(), file.length() - OLD.length()))
                            : null;
                    if (target != null && !Files.exists(target)) {
                        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                    } else if (file.endsWith(GONE)) {
                        deleteTree(p);
                    } else {
                        // renamed first: a writer still adding files to it now fails instead of refilling it
                        Path gone = root.resolve(file + GONE);
                        Files.move(p, gone, StandardCopyOption.ATOMIC_MOVE);
                        deleteTree(gone);
                    }
                } catch (IOException e) {
                    clean = false; // hidden, and removed by the next run
                }
            }
        } catch (IOException e) {
            return false;
        }
        return clean;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
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
        try {
            lock.release();
            lockChannel.close();
        } finally {
            CLAIMED.remove(root);
        }
    }
}
