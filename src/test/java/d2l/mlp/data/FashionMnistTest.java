package d2l.mlp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.sun.net.httpserver.HttpServer;
import d2l.mlp.runtime.TorchRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs Debian's dataset-fashion-mnist (installed by .ci/run). */
class FashionMnistTest {

    @TempDir
    Path tmp;

    private static final Path DEBIAN = FashionMnist.DEBIAN_DIR;

    /** Serves the files of {@code dir} on loopback, passing each body through {@code mangle}. */
    private static HttpServer serve(Path dir, UnaryOperator<byte[]> mangle, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path f = dir.resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(f)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = mangle.apply(Files.readAllBytes(f));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void loadsDebianFilesWithTheBookShapes() throws IOException {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = FashionMnist.loadFrom(m, DEBIAN);
            assertEquals(60000, data.train().size());
            assertEquals(10000, data.test().size());
            assertEquals(
                    new ai.djl.ndarray.types.Shape(60000, 28, 28),
                    data.train().x().getShape());
            assertEquals(1f, data.train().x().max().getFloat(), 0f);
            assertEquals(0f, data.train().x().min().getFloat(), 0f);
            // Fashion-MNIST is balanced: 6000 training images per class
            assertEquals(6000, data.train().y().eq(3).sum().getLong());
        }
    }

    @Test
    void prefersTheUserDirectoryThenTheCacheThenDebian() throws IOException {
        Path user = Files.createDirectories(tmp.resolve("user"));
        Path cache = tmp.resolve("cache");
        URI nowhere = tmp.resolve("no-mirror").toUri();
        assertEquals(DEBIAN, FashionMnist.locate(List.of(user, cache, DEBIAN), cache, nowhere));
        copyAll(DEBIAN, Files.createDirectories(cache));
        assertEquals(cache, FashionMnist.locate(List.of(user, cache, DEBIAN), cache, nowhere));
        copyAll(DEBIAN, user);
        assertEquals(user, FashionMnist.locate(List.of(user, cache, DEBIAN), cache, nowhere));
    }

    @Test
    void downloadsFromAServerIntoTheCacheAndVerifiesContent() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(DEBIAN, b -> b, requests);
        try {
            Path cache = tmp.resolve("cache");
            Path found = FashionMnist.locate(List.of(tmp.resolve("empty")), cache, url(server));
            assertEquals(cache, found);
            assertEquals(4, requests.get());
            for (FashionMnist.File f : FashionMnist.File.values()) {
                assertTrue(Files.isRegularFile(cache.resolve(f.fileName)), f.fileName);
            }
            // a second call finds the cache and downloads nothing
            FashionMnist.locate(List.of(cache), cache, url(server));
            assertEquals(4, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void downloadsFromAFileUrl() throws IOException {
        Path cache = tmp.resolve("cache");
        assertEquals(cache, FashionMnist.locate(List.of(), cache, DEBIAN.toUri()));
    }

    @Test
    void rejectsADownloadWithTheWrongContentAndKeepsNoFile() throws IOException {
        // valid gzip and valid IDX structure, but one pixel changed: only the checksum can tell
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        copyAll(DEBIAN, mirror);
        Path images = mirror.resolve(FashionMnist.File.TRAIN_IMAGES.fileName);
        IdxFile idx = IdxFile.read(images);
        idx.data()[1000] ^= 1;
        IdxFileTest.write(images, 0x0803, idx.dims(), idx.data());
        HttpServer server = serve(mirror, b -> b, new AtomicInteger());
        try {
            Path cache = tmp.resolve("cache");
            IOException e = assertThrows(
                    IOException.class,
                    () -> FashionMnist.locate(List.of(tmp.resolve("a"), tmp.resolve("b")), cache, url(server)));
            String msg = e.getMessage();
            assertTrue(msg.contains("SHA-256") && msg.contains(FashionMnist.File.TRAIN_IMAGES.sha256), msg);
            assertTrue(
                    msg.contains(tmp.resolve("a").toString())
                            && msg.contains(tmp.resolve("b").toString()),
                    msg);
            assertTrue(msg.contains("apt-get install dataset-fashion-mnist"), msg);
            assertFalse(Files.exists(cache.resolve(FashionMnist.File.TRAIN_IMAGES.fileName)));
            assertFalse(Files.exists(cache.resolve(".part-" + FashionMnist.File.TRAIN_IMAGES.fileName)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void namesEveryPlaceTriedWhenNothingWorks() {
        Path cache = tmp.resolve("cache");
        IOException e = assertThrows(
                IOException.class,
                () -> FashionMnist.locate(
                        List.of(tmp.resolve("x"), cache),
                        cache,
                        tmp.resolve("none").toUri()));
        String msg = e.getMessage();
        assertTrue(
                msg.contains(tmp.resolve("x").toString())
                        && msg.contains(cache.toString())
                        && msg.contains("download from")
                        && msg.contains("--data-dir"),
                msg);
    }

    @Test
    void aCorruptLocalFileIsAnErrorNotAHalfLoadedDataset() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("corrupt"));
        copyAll(DEBIAN, dir);
        Path labels = dir.resolve(FashionMnist.File.TEST_LABELS.fileName);
        IdxFileTest.write(labels, 0x0801, new int[] {9999}, new byte[9999]);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> FashionMnist.loadFrom(m, dir));
            assertTrue(
                    e.getMessage().contains(labels.toString()) && e.getMessage().contains("shape"), e.getMessage());
        }
    }

    @Test
    void aLabelOutsideTheTenClassesIsNamedBeforeTheChecksum() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("labels"));
        copyAll(DEBIAN, dir);
        Path labels = dir.resolve(FashionMnist.File.TEST_LABELS.fileName);
        byte[] values = IdxFile.read(labels).data().clone();
        values[42] = (byte) 200; // read as unsigned: 200, not -56
        IdxFileTest.write(labels, 0x0801, new int[] {10000}, values);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> FashionMnist.loadFrom(m, dir));
            assertTrue(
                    e.getMessage().startsWith(labels.toString())
                            && e.getMessage().contains("label 200 at item 42 is outside 0..9"),
                    e.getMessage());
        }
    }

    private static void copyAll(Path from, Path to) throws IOException {
        for (FashionMnist.File f : FashionMnist.File.values()) {
            Files.copy(from.resolve(f.fileName), to.resolve(f.fileName));
        }
    }
}
