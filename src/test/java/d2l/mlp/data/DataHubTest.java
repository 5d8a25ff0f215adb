package d2l.mlp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataHubTest {

    private static final byte[] BODY = "Id,SalePrice\n1,100\n".getBytes(StandardCharsets.UTF_8);
    /** SHA-1 of BODY, computed independently (sha1sum). */
    private static final String BODY_SHA1 = "b3cef024ab5d926950abb3625e10f68171ce0469";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (!exchange.getRequestURI().getPath().equals("/data.csv")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DataHub.Entry entry(String path, String sha1) {
        return new DataHub.Entry(
                "house",
                "data.csv",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                sha1);
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sha1MatchesSha1sum() throws IOException {
        Path f = Files.write(tmp.resolve("x"), BODY);
        assertEquals(BODY_SHA1, DataHub.sha1(f));
    }

    @Test
    void downloadsIntoTheCacheOnceWhenTheChecksumMatches() throws IOException {
        Path cache = tmp.resolve("cache");
        DataHub.Entry e = entry("/data.csv", BODY_SHA1);
        Path got = DataHub.file(e, List.of(tmp.resolve("user"), cache), cache);
        assertEquals(cache.resolve("data.csv"), got);
        assertEquals(new String(BODY, StandardCharsets.UTF_8), Files.readString(got));
        assertEquals(List.of("data.csv"), names(cache));
        assertEquals(got, DataHub.file(e, List.of(tmp.resolve("user"), cache), cache));
        assertEquals(1, requests.get(), "the cached copy is used the second time");
    }

    @Test
    void aWrongChecksumKeepsNothingAndSaysExpectedAndActual() {
        Path cache = tmp.resolve("cache");
        String wrong = "0".repeat(40);
        IOException e = assertThrows(
                DataHub.ChecksumMismatchException.class,
                () -> DataHub.file(entry("/data.csv", wrong), List.of(cache), cache));
        assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-1 " + BODY_SHA1), e.getMessage());
        assertEquals(List.of(), assertDoesNotThrowNames(cache));
    }

    private List<String> assertDoesNotThrowNames(Path dir) {
        try {
            return names(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFileUrlWorksToo() throws IOException {
        Path src = Files.write(tmp.resolve("mirror.csv"), BODY);
        Path cache = tmp.resolve("cache");
        DataHub.Entry e = new DataHub.Entry("house", "data.csv", src.toUri(), BODY_SHA1);
        assertEquals(cache.resolve("data.csv"), DataHub.file(e, List.of(cache), cache));
        DataHub.Entry bad = new DataHub.Entry("house", "other.csv", src.toUri(), "1".repeat(40));
        assertThrows(DataHub.ChecksumMismatchException.class, () -> DataHub.file(bad, List.of(cache), cache));
        assertFalse(Files.exists(cache.resolve("other.csv")));
    }

    @Test
    void aLocalCopyIsPreferredAndChecked() throws IOException {
        Path user = Files.createDirectories(tmp.resolve("user"));
        Path cache = tmp.resolve("cache");
        Files.write(user.resolve("data.csv"), BODY);
        assertEquals(
                user.resolve("data.csv"), DataHub.file(entry("/data.csv", BODY_SHA1), List.of(user, cache), cache));
        assertEquals(0, requests.get());
        Files.writeString(user.resolve("data.csv"), "tampered");
        IOException e = assertThrows(
                CorruptDataException.class,
                () -> DataHub.file(entry("/data.csv", BODY_SHA1), List.of(user, cache), cache));
        assertTrue(
                e.getMessage().contains("expected " + BODY_SHA1)
                        && e.getMessage().contains("SHA-1 is "),
                e.getMessage());
    }

    @Test
    void aFailedDownloadListsWhereItLookedAndHowToFixIt() {
        Path cache = tmp.resolve("cache");
        IOException e = assertThrows(
                IOException.class,
                () -> DataHub.file(entry("/missing.csv", BODY_SHA1), List.of(tmp.resolve("user"), cache), cache));
        assertTrue(
                e.getMessage().contains(tmp.resolve("user").resolve("data.csv").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
        assertEquals(List.of(), assertDoesNotThrowNames(cache));
    }

    @Test
    void unknownNamesAreRejectedAndTheBooksFilesAreRegistered() {
        assertThrows(IllegalArgumentException.class, () -> DataHub.entry("nope"));
        DataHub.Entry train = DataHub.entry("kaggle_house_train");
        assertEquals(
                URI.create("http://d2l-data.s3-accelerate.amazonaws.com/kaggle_house_pred_train.csv"), train.url());
        assertEquals("585e9cc93e70b39160e7921475f9bcd7d31219ce", train.sha1());
    }
}
