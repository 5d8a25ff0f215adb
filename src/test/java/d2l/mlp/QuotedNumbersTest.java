package d2l.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every number README.md and docs/fidelity.md quote from {@code results/} equals the committed value, rounded at the
 * digits quoted: README's two tables of final numbers, and fidelity.md's tables of mlp-best, its sweep and the numbers
 * outside the book's spread, against each experiment's metrics.json; README's sentence with the main job's times
 * against the first {@code all:} line of results/benchmarks.md; README's account of the PyTorch twin against
 * results/pytorch-twin.json. Each table row's label names the numbers its other
 * cells must hold, in order; a row with an unknown label, a missing or extra number, or a changed value fails, so a
 * rerun that changes results cannot leave the text behind.
 */
class QuotedNumbersTest {

    /** One README table row: the experiment folder and the metrics.json path of each number in its cells, in order. */
    private record Row(String experiment, List<String> paths) {
        Row(String experiment, String... paths) {
            this(experiment, List.of(paths));
        }
    }

    private static List<String> spreads(int n) {
        return IntStream.range(0, n)
                .boxed()
                .flatMap(i -> Stream.of("book/" + i + "/lo", "book/" + i + "/hi"))
                .toList();
    }

    private static Row classifier(String experiment) {
        List<String> paths =
                new ArrayList<>(List.of("metrics/finalTrainLoss", "metrics/finalTrainAcc", "metrics/finalTestAcc"));
        paths.addAll(spreads(3));
        return new Row(experiment, paths);
    }

    private static Row normW(String experiment) {
        List<String> paths = new ArrayList<>(List.of("metrics/lambda=0.0/normW", "metrics/lambda=3.0/normW"));
        paths.addAll(spreads(2));
        return new Row(experiment, paths);
    }

    /**
     * A quoted table: its file, its header line, how many leading cells label a row (the label: those cells without
     * Markdown's {@code **} and backticks, joined by {@code " | "}), and each label's row.
     */
    private record Table(String file, String header, int labelCells, Map<String, Row> rows) {}

    private static final List<Table> TABLES = List.of(
            new Table(
                    "README.md",
                    "| experiment | train loss | train acc | test acc | book spread (loss / train acc / test acc) |",
                    1,
                    Map.of(
                            "mlp-scratch", classifier("mlp-scratch"),
                            "mlp-concise", classifier("mlp-concise"),
                            "dropout-scratch", classifier("dropout-scratch"),
                            "dropout-concise", classifier("dropout-concise"))),
            new Table(
                    "README.md",
                    "| experiment | ours | book spread |",
                    1,
                    Map.of(
                            "underfit-overfit, degree-3 weights",
                            new Row(
                                    "underfit-overfit",
                                    Stream.concat(
                                                    IntStream.range(0, 4)
                                                            .mapToObj(i -> "metrics/degree 3/weights/" + i),
                                                    spreads(4).stream())
                                            .toList()),
                            "underfit-overfit, degree-3 final train / test loss",
                            new Row(
                                    "underfit-overfit",
                                    "metrics/degree 3/finalTrainLoss",
                                    "metrics/degree 3/finalTestLoss",
                                    "book/4/lo",
                                    "book/4/hi"),
                            "weight-decay-scratch ‖w‖, λ = 0 / 3",
                            normW("weight-decay-scratch"),
                            "weight-decay-concise ‖w‖, wd = 0 / 3",
                            normW("weight-decay-concise"),
                            "kaggle-house: avg train / avg valid / full-train log rmse",
                            new Row(
                                    "kaggle-house",
                                    Stream.concat(
                                                    Stream.of(
                                                            "metrics/averageTrainLogRmse",
                                                            "metrics/averageValidLogRmse",
                                                            "metrics/fullTrainLogRmse"),
                                                    spreads(3).stream())
                                            .toList()),
                            "kaggle-house-mlp: avg valid log rmse",
                            new Row("kaggle-house-mlp", "metrics/averageValidLogRmse", "book/0/hi", "book/0/book"),
                            "mlp-best: test acc, seeds 1 / 2 / 3 (median)",
                            new Row(
                                    "mlp-best",
                                    "metrics/seeds/0/testAcc",
                                    "metrics/seeds/1/testAcc",
                                    "metrics/seeds/2/testAcc",
                                    "metrics/medianTestAcc",
                                    "book/0/lo",
                                    "book/0/book"))),
            new Table(
                    "docs/fidelity.md",
                    "| hidden | dropout | validation acc (rows 50,000–59,999) |",
                    2,
                    Map.of(
                            "256-256 | 0.2", new Row("mlp-best-sweep", "metrics/sweep/0/valAcc"),
                            "256-256 | 0.5", new Row("mlp-best-sweep", "metrics/sweep/1/valAcc"),
                            "512-256 | 0.2", new Row("mlp-best-sweep", "metrics/sweep/2/valAcc"),
                            "512-256 | 0.5", new Row("mlp-best-sweep", "metrics/sweep/3/valAcc"))),
            new Table(
                    "docs/fidelity.md",
                    "| seed | test acc |",
                    1,
                    Map.of(
                            "1", new Row("mlp-best", "metrics/seeds/0/testAcc"),
                            "2", new Row("mlp-best", "metrics/seeds/1/testAcc"),
                            "3", new Row("mlp-best", "metrics/seeds/2/testAcc"),
                            "median", new Row("mlp-best", "metrics/medianTestAcc"))),
            new Table(
                    "docs/fidelity.md",
                    "| quantity | ours (seed 1) | book spread |",
                    1,
                    Map.of(
                            "underfit-overfit degree-3 final train loss",
                            new Row("underfit-overfit", "metrics/degree 3/finalTrainLoss", "book/4/lo", "book/4/hi"),
                            "underfit-overfit degree-3 final test loss",
                            new Row("underfit-overfit", "metrics/degree 3/finalTestLoss", "book/5/lo", "book/5/hi"),
                            "weight-decay-concise ‖w‖ at wd = 3",
                            new Row("weight-decay-concise", "metrics/lambda=3.0/normW", "book/1/lo", "book/1/hi"))));

    /** A decimal number as README writes it (Unicode minus included); an en dash between two is a range. */
    private static final Pattern NUMBER = Pattern.compile("[−-]?\\d+(?:\\.\\d+)?");

    private static List<String> numbers(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            found.add(m.group().replace('−', '-'));
        }
        return found;
    }

    /** Whether {@code quoted} is {@code value} rounded (half up) at the digits {@code quoted} shows. */
    private static boolean matches(String quoted, double value) {
        BigDecimal q = new BigDecimal(quoted);
        return BigDecimal.valueOf(value)
                        .setScale(q.scale(), RoundingMode.HALF_UP)
                        .compareTo(q)
                == 0;
    }

    private static JsonElement at(JsonElement json, String path) {
        for (String key : path.split("/")) {
            if (json == null) {
                return null;
            }
            json = json.isJsonArray()
                    ? json.getAsJsonArray().get(Integer.parseInt(key))
                    : json.getAsJsonObject().get(key);
        }
        return json;
    }

    private static JsonElement metrics(Path results, String experiment) {
        try {
            return JsonParser.parseString(
                    Files.readString(results.resolve(experiment).resolve("metrics.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the tables of {@code file}, whose text is {@code text}, quote unlike {@code results}' metrics.json. */
    static List<String> tableProblems(String file, String text, Path results) {
        List<String> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (Table table : TABLES) {
            if (!table.file().equals(file)) {
                continue;
            }
            int header = lines.indexOf(table.header());
            if (header < 0) {
                problems.add(file + ": no table with header " + table.header());
                continue;
            }
            int rows = 0;
            for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++, rows++) {
                List<String> cells = Arrays.stream(lines.get(i).split("\\|"))
                        .skip(1)
                        .map(c -> c.replace("**", "").replace("`", "").strip())
                        .toList();
                String label = String.join(" | ", cells.subList(0, table.labelCells()));
                Row row = table.rows().get(label);
                if (row == null) {
                    problems.add(file + ": row '" + label + "': no metrics.json paths known for it");
                    continue;
                }
                List<String> quoted = numbers(String.join(" | ", cells.subList(table.labelCells(), cells.size())));
                if (quoted.size() != row.paths().size()) {
                    problems.add(file + ": row '" + label + "': " + quoted.size() + " numbers " + quoted + ", expected "
                            + row.paths().size() + " " + row.paths());
                    continue;
                }
                JsonElement json = metrics(results, row.experiment());
                for (int k = 0; k < quoted.size(); k++) {
                    JsonElement value = at(json, row.paths().get(k));
                    if (value == null || !value.isJsonPrimitive()) {
                        problems.add(row.experiment() + ": no number at "
                                + row.paths().get(k));
                    } else if (!matches(quoted.get(k), value.getAsDouble())) {
                        problems.add(file + ": row '" + label + "': " + quoted.get(k) + " but " + row.experiment()
                                + "/metrics.json has " + row.paths().get(k) + " = " + value.getAsDouble());
                    }
                }
            }
            if (rows != table.rows().size()) {
                problems.add(file + ": " + table.header() + ": " + rows + " rows, expected "
                        + table.rows().size());
            }
        }
        return problems;
    }

    /** The sentence that quotes the main job's times against the first {@code all:} line of benchmarks.md. */
    static List<String> timingProblems(String readme, String benchmarks) {
        // the sentence ends at a full stop; the dot of a decimal ("395.5 s") does not end it
        Matcher sentence = Pattern.compile(
                        "(?:[^.]|\\.(?=\\d))*last benchmark run that timed it(?:[^.]|\\.(?=\\d))*\\.")
                .matcher(readme);
        Matcher all = Pattern.compile("(?m)^all: .* s wall;.*$").matcher(benchmarks);
        if (!sentence.find() || !all.find()) {
            return List.of("no README sentence on the last timed benchmark run, or no 'all:' line in benchmarks.md");
        }
        Pattern seconds = Pattern.compile("(\\d+(?:\\.\\d+)?) s\\b");
        List<String> quoted =
                seconds.matcher(sentence.group()).results().map(r -> r.group(1)).toList();
        List<String> measured =
                seconds.matcher(all.group()).results().map(r -> r.group(1)).toList();
        if (quoted.size() != measured.size() || quoted.isEmpty()) {
            return List.of("README quotes " + quoted + " s, benchmarks.md measured " + measured + " s");
        }
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < quoted.size(); k++) {
            if (!matches(quoted.get(k), Double.parseDouble(measured.get(k)))) {
                problems.add("README quotes " + quoted.get(k) + " s where benchmarks.md has " + measured.get(k) + " s");
            }
        }
        return problems;
    }

    /**
     * README's paragraph on the PyTorch twin against the committed report's JSON: how many final numbers agree, the
     * detectable shift at each number of seeds, mlp-best's two medians and 4.7's largest difference relative
     * to the largest value.
     */
    static List<String> twinProblems(String readme, JsonElement twin) {
        String text = readme.replaceAll("\\s+", " ");
        List<JsonElement> rows = new ArrayList<>();
        twin.getAsJsonObject().getAsJsonArray("rows").forEach(rows::add);
        List<String> problems = new ArrayList<>();
        // "all 49 final numbers agree" or "48 of 49 final numbers agree"
        Matcher all =
                Pattern.compile("(?:all|(\\d+) of) (\\d+) final numbers agree").matcher(text);
        long agree = rows.stream()
                .filter(r -> r.getAsJsonObject().get("verdict").getAsString().equals("agrees"))
                .count();
        if (!all.find()
                || Integer.parseInt(all.group(2)) != rows.size()
                || (all.group(1) == null ? rows.size() : Integer.parseInt(all.group(1))) != agree) {
            problems.add("README: how many final numbers agree, the report: " + agree + " of " + rows.size());
        }
        Matcher shift = Pattern.compile("(\\d\\.\\d\\d) (?:seed standard deviations )?at (\\d+)\\b")
                .matcher(text);
        int shifts = 0;
        while (shift.find()) {
            shifts++;
            int seeds = Integer.parseInt(shift.group(2));
            String quoted = shift.group(1);
            boolean found = rows.stream()
                    .map(JsonElement::getAsJsonObject)
                    .anyMatch(r -> r.getAsJsonArray("java").size() == seeds
                            && r.getAsJsonArray("pytorch").size() == seeds
                            && matches(quoted, r.get("detectable").getAsDouble()));
            if (!found) {
                problems.add("README: detectable shift " + quoted + " at " + seeds + " seeds: no such row");
            }
        }
        if (shifts < 3) {
            problems.add("README: " + shifts + " detectable shifts quoted, expected one per number of seeds");
        }
        Matcher best = Pattern.compile("test accuracy (\\d\\.\\d+) against (\\d\\.\\d+)")
                .matcher(text);
        JsonElement bestRow = rows.stream()
                .filter(r -> r.getAsJsonObject().get("experiment").getAsString().equals("mlp-best"))
                .findFirst()
                .orElse(null);
        if (!best.find()
                || bestRow == null
                || !matches(best.group(1), median(bestRow.getAsJsonObject().getAsJsonArray("java")))
                || !matches(best.group(2), median(bestRow.getAsJsonObject().getAsJsonArray("pytorch")))) {
            problems.add("README: mlp-best's medians " + (best.hitEnd() ? "not quoted" : best.group()));
        }
        Matcher relative = Pattern.compile("at most (\\d\\.\\d)·10⁻([⁰¹²³⁴⁵⁶⁷⁸⁹]) of the largest value")
                .matcher(text);
        double worst = 0;
        for (JsonElement e : twin.getAsJsonObject().getAsJsonArray("exact")) {
            if (e.getAsJsonObject().get("experiment").getAsString().equals("backprop")) {
                worst = Math.max(
                        worst,
                        e.getAsJsonObject().get("maxAbsDiff").getAsDouble()
                                / e.getAsJsonObject().get("maxAbs").getAsDouble());
            }
        }
        if (!relative.find()
                || !matches(relative.group(1), worst * Math.pow(10, "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(relative.group(2))))) {
            problems.add("README: 4.7's largest relative difference, the report: " + worst);
        }
        return problems;
    }

    private static double median(com.google.gson.JsonArray values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).getAsDouble();
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static final Path RESULTS = Path.of("results");

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static List<String> readmeProblems(String readme) {
        return tableProblems("README.md", readme, RESULTS);
    }

    @Test
    void tablesQuoteTheCommittedMetrics() throws IOException {
        assertEquals(List.of(), readmeProblems(readme()));
        String fidelity = Files.readString(Path.of("docs/fidelity.md"));
        assertEquals(List.of(), tableProblems("docs/fidelity.md", fidelity, RESULTS));
    }

    @Test
    void aChangedNumberInFidelityFails() throws IOException {
        String fidelity = Files.readString(Path.of("docs/fidelity.md"));
        String changed = fidelity.replace("| 2 | 0.9014 |", "| 2 | 0.9015 |");
        assertFalse(changed.equals(fidelity), "the planted number's row is not in fidelity.md");
        assertEquals(1, tableProblems("docs/fidelity.md", changed, RESULTS).size());
    }

    @Test
    void readmeTimesAreTheLatestBenchmarkRun() throws IOException {
        assertEquals(List.of(), timingProblems(readme(), Files.readString(RESULTS.resolve("benchmarks.md"))));
    }

    @Test
    void aChangedNumberFails() throws IOException {
        String readme = readme();
        String changed = readme.replace("| mlp-scratch | 0.3828 |", "| mlp-scratch | 0.3829 |");
        assertTrue(!changed.equals(readme), "the planted number's row is not in README");
        List<String> problems = readmeProblems(changed);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("0.3829"), problems.get(0));

        String spread = readme.replace("0.1652–0.1661", "0.1652–0.1662");
        assertFalse(spread.equals(readme), "the planted spread is not in README");
        assertEquals(1, readmeProblems(spread).size());
    }

    @Test
    void anUnknownRowOrAnExtraNumberFails() throws IOException {
        String readme = readme();
        String newRow = readme.replace(
                "| mlp-concise |", "| mlp-cnn | 0.1 | 0.9 | 0.9 | 0.1–0.2 / 0.8–0.9 / 0.8–0.9 |\n| mlp-concise |");
        assertTrue(readmeProblems(newRow).stream().anyMatch(p -> p.contains("'mlp-cnn'")));

        String extra = readme.replace("0.1323 |", "0.1323 / 0.1330 |");
        assertFalse(extra.equals(readme), "the kaggle-house-mlp row is not in README");
        assertTrue(readmeProblems(extra).stream().anyMatch(p -> p.contains("4 numbers")));
    }

    @Test
    void aChangedTimeFails() throws IOException {
        String benchmarks = Files.readString(RESULTS.resolve("benchmarks.md"));
        String readme = readme();
        Matcher all = Pattern.compile("(?m)^all: (\\d+(?:\\.\\d+)?) s wall").matcher(benchmarks);
        assertTrue(all.find());
        String slower = benchmarks.replaceFirst(
                Pattern.quote(all.group()), "all: " + (Double.parseDouble(all.group(1)) + 60) + " s wall");
        assertEquals(1, timingProblems(readme, slower).size());
    }

    @Test
    void readmeQuotesTheTwinReport() throws IOException {
        assertEquals(List.of(), twinProblems(readme(), twinReport()));
    }

    @Test
    void aChangedTwinNumberFails() throws IOException {
        String readme = readme();
        for (String[] change : new String[][] {
            {"48 of 49", "47 of 49"},
            {"0.84 seed standard deviations", "0.85 seed standard deviations"},
            {"0.9029", "0.9030"},
            {"2.0·10⁻⁷", "2.1·10⁻⁷"}
        }) {
            String changed = readme.replace(change[0], change[1]);
            assertFalse(changed.equals(readme), "not in README: " + change[0]);
            assertEquals(1, twinProblems(changed, twinReport()).size(), change[0]);
        }
    }

    private static JsonElement twinReport() throws IOException {
        return JsonParser.parseString(Files.readString(RESULTS.resolve("pytorch-twin.json")));
    }
}
