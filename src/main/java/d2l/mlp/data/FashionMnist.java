package d2l.mlp.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fashion-MNIST: finds the four IDX files, checks them, and loads them as tensors (pixels / 255, labels int64).
 *
 * <p>Where the files are looked for, in order: the {@code --data-dir} argument or {@code D2L_DATA_DIR} (the
 * directory itself or its {@code fashion-mnist/} child); the user cache {@code ~/.d2l/data/fashion-mnist};
 * Debian's {@code dataset-fashion-mnist} package in {@code /usr/share/datasets/fashion-mnist}; finally a download
 * from Zalando's canonical location (or {@code D2L_FASHION_MNIST_URL}) into the cache.
 *
 * <p>Every file is checked against the SHA-256 of its <em>decompressed</em> content: the gzip wrappers differ
 * between mirrors (Debian recompressed them), the IDX bytes do not.
 *
 * <p>We load into plain tensors instead of DJL's {@code FashionMnist} dataset: that class resolves files through
 * repository metadata whose gzip SHA-1s do not match Debian's files, and it builds each batch from an index array
 * copied from the host, slower than gathering whole batches on the device ({@link InMemoryDataset}).
 */
public final class FashionMnist {

    /** The ten classes, by label. */
    public static final List<String> TEXT_LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

    public static final URI CANONICAL_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The four files with the SHA-256 of their decompressed content and their expected shapes. */
    public enum File {
        TRAIN_IMAGES(
                "train-images-idx3-ubyte.gz",
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                60000,
                28,
                28),
        TRAIN_LABELS(
                "train-labels-idx1-ubyte.gz",
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                60000),
        TEST_IMAGES(
                "t10k-images-idx3-ubyte.gz",
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                10000,
                28,
                28),
        TEST_LABELS(
                "t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10000);

        public final String fileName;
        final String sha256;
        final int[] dims;

        File(String fileName, String sha256, int... dims) {
            this.fileName = fileName;
            this.sha256 = sha256;
            this.dims = dims;
        }

        /** Reads and checks {@code path} as this file: IDX structure, shape, content checksum. */
        IdxFile read(Path path) throws IOException {
            IdxFile idx = IdxFile.read(path);
            if (!Arrays.equals(idx.dims(), dims)) {
                throw new CorruptDataException(
                        path, "shape " + Arrays.toString(idx.dims()) + ", expected " + Arrays.toString(dims));
            }
            if (dims.length == 1) { // labels: the range first, a more telling error than the checksum's
                for (int i = 0; i < idx.data().length; i++) {
                    int label = Byte.toUnsignedInt(idx.data()[i]);
                    if (label > 9) {
                        throw new CorruptDataException(path, "label " + label + " at item " + i + " is outside 0..9");
                    }
                }
            }
            if (!idx.sha256().equals(sha256)) {
                throw new CorruptDataException(
                        path, "SHA-256 of the decompressed content is " + idx.sha256() + ", expected " + sha256);
            }
            return idx;
        }
    }

    /** Training and test split. */
    public record Data(InMemoryDataset train, InMemoryDataset test) {}

    private FashionMnist() {}

    /** Finds the data (see class comment) and loads both splits into {@code manager}. */
    public static Data load(NDManager manager, Path dataDir) throws IOException {
        return loadFrom(manager, locate(dataDir));
    }

    /** Loads both splits from {@code dir}, which must hold the four files. */
    public static Data loadFrom(NDManager manager, Path dir) throws IOException {
        return new Data(
                split(manager, dir, File.TRAIN_IMAGES, File.TRAIN_LABELS),
                split(manager, dir, File.TEST_IMAGES, File.TEST_LABELS));
    }

    private static InMemoryDataset split(NDManager manager, Path dir, File images, File labels) throws IOException {
        IdxFile x = images.read(dir.resolve(images.fileName));
        IdxFile y = labels.read(dir.resolve(labels.fileName));
        // Hand libtorch the raw bytes and convert there: no float copy of the images on the Java heap.
        try (NDArray pixels =
                        manager.create(ByteBuffer.wrap(x.data()), new Shape(x.dims()[0], 28, 28), DataType.UINT8);
                NDArray classes = manager.create(ByteBuffer.wrap(y.data()), new Shape(y.count()), DataType.UINT8)) {
            return new InMemoryDataset(
                    pixels.toType(DataType.FLOAT32, false).divi(255f), classes.toType(DataType.INT64, false));
        }
    }

    /** The directory the data is loaded from, downloading into the cache when no local copy exists. */
    public static Path locate(Path dataDir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path userDir = dataDir != null
                ? dataDir
                : System.getenv("D2L_DATA_DIR") != null ? Path.of(System.getenv("D2L_DATA_DIR")) : null;
        if (userDir != null) {
            candidates.add(userDir);
            candidates.add(userDir.resolve("fashion-mnist"));
        }
        Path cache = DataHome.cacheDir().resolve("fashion-mnist");
        candidates.add(cache);
        candidates.add(DEBIAN_DIR);
        String mirror = System.getenv("D2L_FASHION_MNIST_URL");
        return locate(candidates, cache, mirror != null ? URI.create(mirror) : CANONICAL_URL);
    }

    /** The first of {@code candidates} that holds all four files, else a download from {@code url} into cache. */
    static Path locate(List<Path> candidates, Path cache, URI url) throws IOException {
        StringBuilder tried = new StringBuilder();
        for (Path dir : candidates) {
            List<String> missing = missingFiles(dir);
            if (missing.isEmpty()) {
                return dir;
            }
            tried.append("\n  ")
                    .append(dir)
                    .append(": ")
                    .append(Files.isDirectory(dir) ? "missing " + String.join(", ", missing) : "no such directory");
        }
        try {
            download(url, cache);
            return cache;
        } catch (IOException e) {
            throw new IOException(
                    "Fashion-MNIST not found. Looked in:" + tried
                            + "\n  download from " + url + " into " + cache + ": " + e.getMessage()
                            + "\nFix: 'apt-get install dataset-fashion-mnist' (Debian/Ubuntu), or put the four .gz files ("
                            + String.join(", ", allNames())
                            + ") in a directory and pass --data-dir DIR or set D2L_DATA_DIR,"
                            + " or allow network access for the download.",
                    e);
        }
    }

    /** Downloads the four files into {@code cache}; a file lands there only after its checksum matched. */
    static void download(URI url, Path cache) throws IOException {
        Files.createDirectories(cache);
        for (File f : File.values()) {
            Path target = cache.resolve(f.fileName);
            if (Files.exists(target)) {
                continue;
            }
            Path part = cache.resolve(".part-" + f.fileName); // keeps the .gz ending the reader looks at
            try (InputStream in = url.resolve(f.fileName).toURL().openStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                f.read(part);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    private static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (File f : File.values()) {
            if (!Files.isRegularFile(dir.resolve(f.fileName))) {
                missing.add(f.fileName);
            }
        }
        return missing;
    }

    private static List<String> allNames() {
        return Arrays.stream(File.values()).map(f -> f.fileName).toList();
    }
}
