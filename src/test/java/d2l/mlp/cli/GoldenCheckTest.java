package d2l.mlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden check's comparison finds a doctored number, ignores timings, and judges the book's spread. */
class GoldenCheckTest {

    @TempDir
    Path tmp;

    private static JsonObject committed(String name) throws IOException {
        return JsonParser.parseString(Files.readString(Path.of("results", name, "metrics.json")))
                .getAsJsonObject();
    }

    @Test
    void aDoctoredNumberIsTheOnlyDriftAndTimingsAreIgnored() throws IOException {
        JsonObject golden = committed("mlp-concise");
        assertEquals(List.of(), GoldenCheck.compare(golden, golden.deepCopy()));
        JsonObject doctored = golden.deepCopy();
        JsonObject metrics = doctored.getAsJsonObject("metrics");
        double acc = metrics.get("finalTestAcc").getAsDouble();
        metrics.addProperty("finalTestAcc", acc * 1.01);
        // wall-clock times differ in every run and are not results
        metrics.getAsJsonArray("history").get(0).getAsJsonObject().addProperty("seconds", 1234.5);
        // and the name of a compared quantity is a label
        doctored.getAsJsonArray("book").get(0).getAsJsonObject().addProperty("quantity", "renamed");
        List<GoldenCheck.Drift> drifts = GoldenCheck.compare(golden, doctored);
        assertEquals(1, drifts.size(), drifts.toString());
        assertEquals("metrics.finalTestAcc", drifts.get(0).path());
        assertEquals(0.01, drifts.get(0).relDiff(), 1e-9);
    }

    @Test
    void missingValuesAndChangedLengthsAreDrift() throws IOException {
        JsonObject golden = committed("weight-decay-scratch");
        JsonObject doctored = golden.deepCopy();
        doctored.getAsJsonObject("config").remove("seed");
        doctored.getAsJsonObject("metrics")
                .getAsJsonObject("lambda=0.0")
                .getAsJsonArray("trainLoss")
                .remove(0);
        doctored.addProperty("title", "another title"); // texts are not results
        doctored.addProperty("note", "a new text field");
        List<String> paths = GoldenCheck.compare(golden, doctored).stream()
                .map(GoldenCheck.Drift::path)
                .toList();
        assertEquals(List.of("config.seed", "metrics.lambda=0.0.trainLoss"), paths);
    }

    @Test
    void aChangedTextIsDriftButATitleIsNot() throws IOException {
        JsonObject golden = committed("distribution-shift");
        JsonObject doctored = golden.deepCopy();
        var boosted = doctored.getAsJsonObject("metrics")
                .getAsJsonObject("labelShift")
                .getAsJsonArray("boostedClasses");
        boosted.set(0, new com.google.gson.JsonPrimitive(boosted.get(0).getAsString() + "x"));
        doctored.addProperty("title", "another title");
        List<String> paths = GoldenCheck.compare(golden, doctored).stream()
                .map(GoldenCheck.Drift::path)
                .toList();
        assertEquals(List.of("metrics.labelShift.boostedClasses[0]"), paths);
    }

    @Test
    void theBooksSpreadIsJudgedOnEveryPublishedQuantity() throws IOException {
        JsonObject now = committed("mlp-concise");
        assertTrue(GoldenCheck.insideBookSpread(now), "the committed results are inside");
        JsonObject check = now.getAsJsonArray("book").get(0).getAsJsonObject();
        check.addProperty("ours", check.get("hi").getAsDouble() + 0.5);
        assertFalse(GoldenCheck.insideBookSpread(now));
    }

    @Test
    @Tag("slow") // starts the engine and runs an experiment
    void aRerunAgainstADoctoredCopyReportsTheDoctoredValue() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("results/activations"));
        JsonObject golden = committed("activations");
        String key = golden.getAsJsonObject("metrics").keySet().stream()
                .filter(k -> golden.getAsJsonObject("metrics").get(k).isJsonPrimitive()
                        && golden.getAsJsonObject("metrics")
                                .get(k)
                                .getAsJsonPrimitive()
                                .isNumber())
                .findFirst()
                .orElseThrow();
        double value = golden.getAsJsonObject("metrics").get(key).getAsDouble();
        golden.getAsJsonObject("metrics").addProperty(key, value + 1);
        Files.writeString(results.resolve("metrics.json"), golden.toString());
        List<GoldenCheck.Comparison> outcomes = GoldenCheck.check(List.of("activations"), tmp.resolve("results"));
        List<String> paths =
                outcomes.get(0).drifts().stream().map(GoldenCheck.Drift::path).toList();
        assertTrue(paths.contains("metrics." + key), paths.toString());
    }
}
