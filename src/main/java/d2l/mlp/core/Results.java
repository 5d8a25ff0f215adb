package d2l.mlp.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes what an experiment produced into {@code out/NAME/}: {@code metrics.json} and its figures; and the summary
 * {@code out/README.md}, rebuilt from every {@code metrics.json} present, so running one experiment keeps the others'
 * rows.
 */
public final class Results {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private Results() {}

    /** Writes metrics.json and the figures of {@code result} into {@code out/name/}. */
    public static void write(Path out, String name, String title, RunConfig cfg, Result result) throws IOException {
        Path dir = out.resolve(name);
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", name);
        json.put("title", title);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epochs", cfg.epochs());
        config.put("lr", cfg.lr());
        config.put("batchSize", cfg.batchSize());
        config.put("seed", cfg.seed());
        config.put("device", cfg.device());
        json.put("config", config);
        json.put("metrics", stable(result.metrics()));
        json.put("book", result.checks());
        List<String> files = new ArrayList<>();
        for (Figure f : result.figures()) {
            f.save(dir);
            files.add(f.name() + (f.chart() != null ? ".svg" : ".png"));
        }
        json.put("figures", files);
        Files.writeString(dir.resolve("metrics.json"), GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * {@code o} with every map that has no order of its own ({@code Map.of}, {@code HashMap}: their iteration order
     * changes from run to run) replaced by one with sorted keys, so that a rerun's metrics.json differs from the
     * committed one only where a number does.
     */
    static Object stable(Object o) {
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof LinkedHashMap || map instanceof SortedMap
                    ? new LinkedHashMap<>() : new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), stable(v)));
            return out;
        }
        if (o instanceof List<?> list) {
            return list.stream().map(Results::stable).toList();
        }
        return o;
    }

    /** Rebuilds {@code out/README.md} from the {@code metrics.json} files under {@code out}. */
    public static void writeSummary(Path out, List<String> order) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Results\n\n")
                .append("Written by `java -jar target/d2l-mlp.jar all` (see the top-level README). Each experiment's ")
                .append("folder holds `metrics.json` (configuration, per-epoch history, final numbers, the book's ")
                .append("numbers) and its plots. The book sets no random seed, so the bar for a faithful ")
                .append("reproduction is the spread over the book's official builds ")
                .append("(`shared/reference/book-results.md`), not one build's value.\n\n")
                .append("| experiment | quantity | book (zh 2.0.0) | book spread | ours | inside |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String name : order) {
            Path metrics = out.resolve(name).resolve("metrics.json");
            if (!Files.exists(metrics)) {
                continue;
            }
            JsonObject json = JsonParser.parseString(Files.readString(metrics)).getAsJsonObject();
            JsonArray checks = json.getAsJsonArray("book");
            String link = "[" + name + "](" + name + "/)";
            if (checks.isEmpty()) {
                md.append("| ").append(link).append(" | (no published number) | | | | |\n");
            }
            for (JsonElement e : checks) {
                JsonObject c = e.getAsJsonObject();
                double ours = c.get("ours").getAsDouble();
                double lo = c.get("lo").getAsDouble();
                double hi = c.get("hi").getAsDouble();
                String quantity = c.get("quantity").getAsString().replace("|", "\\|"); // a '|' would split the cell
                md.append(String.format("| %s | %s | %s | %s – %s | %s | %s |%n", link, quantity,
                        fmt(c.get("book").getAsDouble()), fmt(lo), fmt(hi), fmt(ours),
                        ours >= lo && ours <= hi ? "yes" : "**no**"));
            }
        }
        try (Stream<Path> dirs = Files.list(out)) {
            dirs.filter(d -> Files.exists(d.resolve("metrics.json")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !order.contains(n))
                    .sorted()
                    .forEach(n -> md.append("| ").append(n).append(" | (not a current experiment) | | | | |\n"));
        }
        Files.writeString(out.resolve("README.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.4g", v);
    }
}
