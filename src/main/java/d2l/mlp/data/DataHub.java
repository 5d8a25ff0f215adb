package d2l.mlp.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The book's data hub: a name maps to a file with its download URL and SHA-1. A file is looked for, in order, in
 * the {@code --data-dir} argument or {@code D2L_DATA_DIR} (the directory itself or its {@code folder/} child), then in
 * the user cache {@code DataHome.cacheDir()/folder}; when none has it, it is downloaded into the cache. Every file
 * used, local or downloaded, must have the registered SHA-1; a download lands in the cache only after it matched.
 */
public final class DataHub {

    /** Where the book's data hub serves its files. */
    public static final URI DATA_URL = URI.create("http://d2l-data.s3-accelerate.amazonaws.com/");

    /**
     * One registered file.
     *
     * @param folder sub-directory of the cache (and of a data directory) that holds it
     * @param fileName file name
     * @param url where to download it
     * @param sha1 hex SHA-1 of its bytes
     */
    public record Entry(String folder, String fileName, URI url, String sha1) {}

    private static final Map<String, Entry> ENTRIES = new TreeMap<>(Map.of(
            "kaggle_house_train",
                    hub("kaggle-house", "kaggle_house_pred_train.csv", "585e9cc93e70b39160e7921475f9bcd7d31219ce"),
            "kaggle_house_test",
                    hub("kaggle-house", "kaggle_house_pred_test.csv", "fa19780a7b011d9b009e8bff8e99922a8ee2eb90")));

    /** A downloaded file does not have the registered SHA-1 (it is not kept). */
    public static final class ChecksumMismatchException extends IOException {
        ChecksumMismatchException(String message) {
            super(message);
        }
    }

    private DataHub() {}

    private static Entry hub(String folder, String fileName, String sha1) {
        return new Entry(folder, fileName, DATA_URL.resolve(fileName), sha1);
    }

    /** The registered entry called {@code name}. */
    public static Entry entry(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException(
                    "no data set '" + name + "' in the data hub; known: " + ENTRIES.keySet());
        }
        return e;
    }

    /** The checked local file for {@code name}, downloading it into the cache when no local copy exists. */
    public static Path file(String name, Path dataDir) throws IOException {
        Entry e = entry(name);
        Path userDir = dataDir != null
                ? dataDir
                : System.getenv("D2L_DATA_DIR") != null ? Path.of(System.getenv("D2L_DATA_DIR")) : null;
        List<Path> dirs = new ArrayList<>();
        if (userDir != null) {
            dirs.add(userDir);
            dirs.add(userDir.resolve(e.folder()));
        }
        Path cache = DataHome.cacheDir().resolve(e.folder());
        dirs.add(cache);
        return file(e, dirs, cache);
    }

    /** The first of {@code dirs} holding {@code e}'s file (checked), else a checked download into {@code cache}. */
    static Path file(Entry e, List<Path> dirs, Path cache) throws IOException {
        StringBuilder tried = new StringBuilder();
        for (Path dir : dirs) {
            Path f = dir.resolve(e.fileName());
            if (Files.isRegularFile(f)) {
                verify(f, e.sha1());
                return f;
            }
            tried.append("\n  ").append(f).append(": not there");
        }
        Path target = cache.resolve(e.fileName());
        try {
            download(e.url(), target, e.sha1());
            return target;
        } catch (ChecksumMismatchException bad) {
            throw bad;
        } catch (IOException failed) {
            throw new IOException(
                    e.fileName() + " not found. Looked in:" + tried + "\n  download from " + e.url()
                            + " into " + cache + ": " + failed
                            + "\nFix: put " + e.fileName() + " (SHA-1 " + e.sha1()
                            + ") in a directory and pass --data-dir DIR"
                            + " or set D2L_DATA_DIR, copy it into " + cache
                            + ", or allow network access for the download.",
                    failed);
        }
    }

    /** Downloads {@code url} to {@code target} via a temporary file that becomes {@code target} only if it matches. */
    static void download(URI url, Path target, String sha1) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(".part-" + target.getFileName());
        try (InputStream in = url.toURL().openStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            String actual = sha1(part);
            if (!actual.equals(sha1)) {
                throw new ChecksumMismatchException(url + ": downloaded file has SHA-1 " + actual + ", expected "
                        + sha1 + "; nothing was written to " + target
                        + ". A broken mirror or proxy? Retry, or fetch the file by other means and pass --data-dir.");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Throws when {@code file}'s SHA-1 is not {@code expected}. */
    static void verify(Path file, String expected) throws IOException {
        String actual = sha1(file);
        if (!actual.equals(expected)) {
            throw new CorruptDataException(file, "SHA-1 is " + actual + ", expected " + expected);
        }
    }

    /** Hex SHA-1 of {@code file}'s bytes. */
    public static String sha1(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
