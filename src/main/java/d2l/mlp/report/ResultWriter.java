package d2l.mlp.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.runtime.RunConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Writes what an experiment produced into {@code out/NAME/}: {@code metrics.json} and its figures; and the summary
 * {@code out/README.md}, rebuilt from every {@code metrics.json} present, so running one experiment keeps the others'
 * rows.
 *
 * <p>An experiment's metrics are a record, which Gson writes as an object with the record's components as keys, in
 * their order of declaration. Two rules are added: a map without an order of its own ({@code Map.of},
 * {@code HashMap}: their iteration order changes from run to run) is written with sorted keys, so that a rerun's
 * metrics.json differs from the committed one only where a number does; and a component marked {@link Inline} is
 * written as its keys, in the enclosing object.
 */
public final class ResultWriter {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .registerTypeAdapterFactory(new SortedUnorderedMaps())
            .registerTypeAdapterFactory(new InlinedComponents())
            .create();

    private ResultWriter() {}

    /**
     * Replaces {@code out/name/} with metrics.json, the figures and the files of {@code result}, all at once (see
     * {@link OutputDirectory#replace}).
     */
    public static void write(
            OutputDirectory out, String name, String section, String title, RunConfig cfg, ExperimentResult result)
            throws IOException {
        out.replace(name, dir -> fill(dir, name, section, title, cfg, result));
    }

    private static void fill(
            Path dir, String name, String section, String title, RunConfig cfg, ExperimentResult result)
            throws IOException {
        List<Figure> figures = result.figures(); // drawn here, once
        List<String> files = new ArrayList<>();
        for (Figure f : figures) {
            f.save(dir);
            files.add(f.name() + (f.chart() != null ? ".svg" : ".png"));
        }
        String main = figures.isEmpty() ? null : figures.get(0).name();
        for (Map.Entry<String, String> f : result.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        MetricsFile json = new MetricsFile(
                name,
                section,
                title,
                cfg.recorded(),
                result.metrics(),
                result.checks(),
                files,
                main != null ? main + ".png" : null); // every figure has a PNG; GitHub shows it inline
        Files.writeString(dir.resolve("metrics.json"), GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * An experiment's metrics.json.
     *
     * @param config the settings the experiment takes
     * @param book the book's numbers next to ours
     * @param figures the files of the figures
     * @param mainFigure the PNG results/README.md shows, the first figure's; {@code null} (left out) without figures
     */
    record MetricsFile(
            String experiment,
            String section,
            String title,
            RunConfig.Recorded config,
            Record metrics,
            List<BookCheck> book,
            List<String> figures,
            String mainFigure) {}

    /** {@code o} as metrics.json writes it. */
    static String toJson(Object o) {
        return GSON.toJson(o);
    }

    /** Writes a map that has no order of its own with its keys sorted; an ordered or a sorted map in its order. */
    private static final class SortedUnorderedMaps implements TypeAdapterFactory {

        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (!Map.class.isAssignableFrom(type.getRawType())) {
                return null;
            }
            TypeAdapter<T> maps = gson.getDelegateAdapter(this, type);
            return new TypeAdapter<T>() {
                @Override
                public void write(JsonWriter out, T map) throws IOException {
                    maps.write(out, map instanceof LinkedHashMap || map instanceof SortedMap ? map : sorted(map));
                }

                @Override
                public T read(JsonReader in) throws IOException {
                    return maps.read(in);
                }
            };
        }

        @SuppressWarnings("unchecked") // a map's adapter iterates over any map; only reading needs T itself
        private static <T> T sorted(T map) {
            if (map == null) {
                return null;
            }
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<?, ?>) map).forEach((k, v) -> sorted.put(String.valueOf(k), v));
            return (T) sorted;
        }
    }

    /** Writes a record with {@link Inline} components: each of them as its own keys, in its place. */
    private static final class InlinedComponents implements TypeAdapterFactory {

        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            RecordComponent[] components = type.getRawType().getRecordComponents(); // null: not a record
            if (components == null || Arrays.stream(components).noneMatch(c -> c.isAnnotationPresent(Inline.class))) {
                return null;
            }
            TypeAdapter<JsonElement> elements = gson.getAdapter(JsonElement.class);
            return new TypeAdapter<T>() {
                @Override
                public void write(JsonWriter out, T record) throws IOException {
                    if (record == null) {
                        out.nullValue();
                        return;
                    }
                    JsonObject json = new JsonObject();
                    BiConsumer<String, JsonElement> add = (k, v) -> {
                        if (json.has(k)) {
                            throw new IllegalStateException(type + " has the key " + k + " twice");
                        }
                        json.add(k, v);
                    };
                    for (RecordComponent c : components) {
                        JsonElement value = gson.toJsonTree(value(c, record), c.getGenericType());
                        if (!c.isAnnotationPresent(Inline.class)) {
                            add.accept(c.getName(), value);
                        } else if (value.isJsonObject()) {
                            value.getAsJsonObject().asMap().forEach(add);
                        } else if (!value.isJsonNull()) {
                            throw new IllegalStateException(type + ": @Inline " + c.getName() + " is no map or record");
                        }
                    }
                    elements.write(out, json);
                }

                @Override
                public T read(JsonReader in) {
                    throw new UnsupportedOperationException("metrics are written, not read");
                }
            };
        }

        private static Object value(RecordComponent c, Object record) {
            Method accessor = c.getAccessor();
            try {
                accessor.setAccessible(true); // a record need not be public to be written, as Gson's own records
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
    }

    /**
     * Rebuilds {@code out/README.md} from the {@code metrics.json} files under {@code out}, in the book's order of
     * sections (and by name within a section): per experiment its numbers next to the book's and its main figure.
     */
    public static void writeSummary(OutputDirectory dir) throws IOException {
        Path out = dir.path();
        StringBuilder md = new StringBuilder();
        md.append("# Results\n\n")
                .append("Written by `java -jar target/d2l-mlp.jar all` (see the top-level README). Each experiment's ")
                .append("folder holds `metrics.json` (configuration, per-epoch history, final numbers, the book's ")
                .append("numbers) and all its plots; below are its numbers and its main plot. The book sets no random ")
                .append("seed, so the bar for a faithful reproduction is the spread of the book's published results ")
                .append("across its official builds (about 20 executed builds of the PyTorch edition), not one ")
                .append("build's value. Sections marked + go beyond the book.\n");
        if (Files.exists(out.resolve("pytorch-twin.md"))) {
            md.append("\nA tighter check: the experiments with a PyTorch twin, written after the book's code, run ")
                    .append("beside it on the same machine over the same seeds, in ")
                    .append("[pytorch-twin.md](pytorch-twin.md) (`scripts/pytorch-twin.sh`).\n");
        }
        List<JsonObject> experiments = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.exists(d.resolve("metrics.json")))
                    .toList()) {
                experiments.add(JsonParser.parseString(Files.readString(d.resolve("metrics.json")))
                        .getAsJsonObject());
            }
        }
        experiments.sort(Comparator.comparing((JsonObject j) -> sectionKey(j))
                .thenComparing(j -> j.get("experiment").getAsString()));
        for (JsonObject json : experiments) {
            appendExperiment(md, json);
        }
        AtomicFiles.write(out.resolve("README.md"), md.toString());
    }

    /** One experiment's heading, its numbers next to the book's, its main figure and a link to the rest. */
    private static void appendExperiment(StringBuilder md, JsonObject json) {
        String name = json.get("experiment").getAsString();
        md.append("\n## ")
                .append(json.has("section") ? json.get("section").getAsString() + " " : "")
                .append(name);
        if (json.has("title")) {
            md.append(": ").append(json.get("title").getAsString());
        }
        md.append("\n\n");
        JsonArray checks = json.getAsJsonArray("book");
        if (checks.isEmpty()) {
            md.append("No published number to compare with.\n\n");
        } else {
            md.append("| quantity | book (zh 2.0.0) | book spread | ours | inside |\n|---|---|---|---|---|\n");
        }
        for (JsonElement e : checks) {
            JsonObject c = e.getAsJsonObject();
            double ours = c.get("ours").getAsDouble();
            double lo = c.get("lo").getAsDouble();
            double hi = c.get("hi").getAsDouble();
            String quantity = c.get("quantity").getAsString().replace("|", "\\|"); // a '|' would split the cell
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s – %s | %s | %s |\n",
                    quantity,
                    fmt(c.get("book").getAsDouble()),
                    fmt(lo),
                    fmt(hi),
                    fmt(ours),
                    ours >= lo && ours <= hi ? "yes" : "**no**"));
        }
        String figure = mainFigure(json);
        if (figure != null) {
            md.append(checks.isEmpty() ? "" : "\n")
                    .append("![")
                    .append(name)
                    .append("](")
                    .append(name)
                    .append('/')
                    .append(figure)
                    .append(")\n\n");
        } else if (!checks.isEmpty()) {
            md.append('\n');
        }
        md.append("All plots and numbers: [")
                .append(name)
                .append("/](")
                .append(name)
                .append("/)\n");
    }

    /** The PNG named by {@code mainFigure}, else the PNG of the first figure; {@code null} without figures. */
    static String mainFigure(JsonObject json) {
        if (json.has("mainFigure")) {
            return json.get("mainFigure").getAsString();
        }
        JsonArray figures = json.has("figures") ? json.getAsJsonArray("figures") : new JsonArray();
        return figures.isEmpty() ? null : figures.get(0).getAsString().replaceFirst("\\.svg$", ".png");
    }

    /** "4.10+" → "04.10+", so that sections sort as numbers; a folder without a section sorts last. */
    private static String sectionKey(JsonObject json) {
        if (!json.has("section")) {
            return "~";
        }
        String s = json.get("section").getAsString();
        int dot = s.indexOf('.');
        String minor = s.substring(dot + 1).replace("+", "");
        return String.format(
                Locale.ROOT,
                "%02d.%02d%s",
                Integer.parseInt(s.substring(0, dot)),
                Integer.parseInt(minor),
                s.endsWith("+") ? "+" : "");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v); // a file, the same on every machine
    }
}
