package d2l.mlp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.json: a record's components are the keys, in order; keys come out in an order that does not change between
 * runs; the summary shows the figures.
 */
class ResultWriterTest {

    /** A metrics record: its components are the keys. */
    record Point(String zeta, int alpha, double[] middle) {}

    /** A record with {@link Inline} components: their keys take their place. */
    record Flat(
            String first,
            @Inline Map<String, Integer> byName,
            @Inline Point point,
            int last) {}

    private static List<String> keys(String json) {
        return List.copyOf(JsonParser.parseString(json).getAsJsonObject().keySet());
    }

    @Test
    void aRecordsComponentsAreItsKeysInTheirOrder() {
        String json = ResultWriter.toJson(new Point("z", 1, new double[] {0.1, 2}));
        assertEquals(List.of("zeta", "alpha", "middle"), keys(json));
        assertEquals(
                "{\"zeta\":\"z\",\"alpha\":1,\"middle\":[0.1,2.0]}",
                JsonParser.parseString(json).toString());
    }

    @Test
    void unorderedMapsAreSortedOrderedOnesKept() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("zeta", Map.of("b", 2, "c", 3, "a", 1));
        ordered.put("alpha", List.of(Map.of("y", 1, "x", 2)));
        assertEquals(
                "{\"zeta\":{\"a\":1,\"b\":2,\"c\":3},\"alpha\":[{\"x\":2,\"y\":1}]}",
                JsonParser.parseString(ResultWriter.toJson(ordered)).toString());
    }

    @Test
    void inlinedComponentsAreWrittenAsTheirKeysInTheirPlace() {
        Map<String, Integer> byName = new LinkedHashMap<>();
        byName.put("degree 3", 3);
        byName.put("degree 1", 1);
        String json = ResultWriter.toJson(new Flat("f", byName, new Point("z", 2, null), 9));
        assertEquals(List.of("first", "degree 3", "degree 1", "zeta", "alpha", "last"), keys(json));
        assertEquals(
                "{\"first\":\"f\",\"degree 3\":3,\"degree 1\":1,\"zeta\":\"z\",\"alpha\":2,\"last\":9}",
                JsonParser.parseString(json).toString());
        IllegalStateException twice = assertThrows(
                IllegalStateException.class,
                () -> ResultWriter.toJson(new Flat("f", Map.of("last", 1), new Point("z", 2, null), 9)));
        assertTrue(twice.getMessage().contains("the key last twice"), twice.getMessage());
    }

    private static void metrics(Path out, String name, String section, String extra) throws Exception {
        Files.createDirectories(out.resolve(name));
        Files.writeString(
                out.resolve(name).resolve("metrics.json"),
                "{\"experiment\": \"" + name + "\", \"section\": \"" + section + "\", \"title\": \"t\", \"book\": []"
                        + extra + "}");
    }

    /** A result whose figures, one plot per name, count in {@code drawn} how often they were drawn. */
    private static ExperimentResult countingDraws(int[] drawn, String... names) {
        return new ExperimentResult() {
            @Override
            public Point metrics() {
                return new Point("z", 1, new double[0]);
            }

            @Override
            public List<Figure> figures() {
                drawn[0]++;
                return java.util.Arrays.stream(names)
                        .map(n -> Figure.of(n, Plots.curve(n, "x", "y", new double[] {0, 1}, new double[] {1, 2})))
                        .toList();
            }
        };
    }

    @Test
    void figuresAreDrawnOnceAndTheFirstIsTheMainOne(@TempDir Path out) throws Exception {
        int[] drawn = {0};
        ExperimentResult result = countingDraws(drawn, "first");
        try (OutputDirectory dir = OutputDirectory.claim(out)) {
            ResultWriter.write(dir, "e", "4.1", "t", d2l.mlp.runtime.RunConfig.none(), result);
        }
        assertEquals(1, drawn[0], "figures drawn once");
        String json = Files.readString(out.resolve("e/metrics.json"));
        assertTrue(json.contains("\"mainFigure\": \"first.png\""), json);
        assertEquals(
                List.of("experiment", "section", "title", "config", "metrics", "book", "figures", "mainFigure"),
                keys(json));
        assertEquals(
                List.of("zeta", "alpha", "middle"),
                List.copyOf(JsonParser.parseString(json)
                        .getAsJsonObject()
                        .getAsJsonObject("metrics")
                        .keySet()));
        assertTrue(Files.exists(out.resolve("e/first.svg")) && Files.exists(out.resolve("e/first.png")));
    }

    @Test
    void summaryShowsEachExperimentsMainFigureInline(@TempDir Path out) throws Exception {
        metrics(
                out,
                "b-named",
                "4.6+",
                ", \"figures\": [\"training.svg\", \"sweep.svg\"], " + "\"mainFigure\": \"sweep.png\"");
        metrics(out, "a-first", "4.6", ", \"figures\": [\"training.svg\", \"predictions.png\"]");
        metrics(out, "c-none", "4.7", ", \"figures\": []");
        try (OutputDirectory dir = OutputDirectory.claim(out)) {
            ResultWriter.writeSummary(dir);
        }
        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("![b-named](b-named/sweep.png)"), md);
        assertTrue(md.contains("![a-first](a-first/training.png)"), md);
        assertTrue(!md.contains("![c-none]") && md.contains("[c-none/](c-none/)"), md);
        assertTrue(md.indexOf("## 4.6 a-first") < md.indexOf("## 4.6+ b-named"), md);
        assertTrue(md.indexOf("## 4.6+ b-named") < md.indexOf("## 4.7 c-none"), md);
    }

    @Test
    void summaryIsTheSameInEveryLocale(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("e"));
        Files.writeString(
                out.resolve("e/metrics.json"),
                "{\"experiment\": \"e\", \"section\": \"4.1\", \"book\": [{\"quantity\": \"q\", \"book\": 0.25,"
                        + " \"lo\": 0.2499, \"hi\": 0.25, \"ours\": 0.25}]}");
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY); // writes 0,2500 for %.4g
            try (OutputDirectory dir = OutputDirectory.claim(out)) {
                ResultWriter.writeSummary(dir);
            }
        } finally {
            java.util.Locale.setDefault(before);
        }
        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("| q | 0.2500 | 0.2499 – 0.2500 | 0.2500 | yes |\n"), md);
        assertTrue(!md.contains("\r"), "one line ending on every system");
    }

    @Test
    void imagesDrawTheFiguresOnceHoweverManyAreAskedFor() {
        int[] drawn = {0};
        ExperimentResult result = countingDraws(drawn, "a", "b");
        assertEquals(2, Figure.images(result, "b", "a").size());
        assertEquals(1, drawn[0], "figures drawn once");
    }

    @Test
    void summaryLinksThePytorchTwinReportOnlyWhenItIsThere(@TempDir Path out) throws Exception {
        metrics(out, "a-first", "4.6", ", \"figures\": []");
        try (OutputDirectory dir = OutputDirectory.claim(out)) {
            ResultWriter.writeSummary(dir);
        }
        assertTrue(!Files.readString(out.resolve("README.md")).contains("pytorch-twin.md"));
        Files.writeString(out.resolve("pytorch-twin.md"), "# twin\n");
        try (OutputDirectory dir = OutputDirectory.claim(out)) {
            ResultWriter.writeSummary(dir);
        }
        assertTrue(Files.readString(out.resolve("README.md")).contains("[pytorch-twin.md](pytorch-twin.md)"));
    }
}
