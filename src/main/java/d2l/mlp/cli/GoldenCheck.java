package d2l.mlp.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import d2l.mlp.experiment.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The golden check: reruns experiments with the configuration recorded in the committed {@code results/NAME/}
 * and compares every number of the new {@code metrics.json} with the committed one, timings excepted. With the
 * same engine, libtorch and CPU the numbers must be identical (the runs are seeded and deterministic on a CPU);
 * after an engine upgrade or on another CPU they may drift, but every quantity the book publishes must stay
 * inside the book's spread ({@code --allow-spread}).
 *
 * <p>The CLI's {@code check} subcommand: {@code java -jar target/d2l-mlp.jar check [--results DIR] [--allow-spread]
 * [NAME…]} (every experiment with a committed folder when no name is given). Exit 0: as expected; 1: drift; 2: bad
 * usage.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Rerun experiments with the configuration of their committed metrics.json and compare every"
                + " number (the golden check, docs/golden.md).")
public final class GoldenCheck implements Callable<Integer> {

    /** Keys of wall-clock measurements, which differ between any two runs. */
    private static final Pattern TIMING = Pattern.compile("(?i).*(second|time|millis|duration|elapsed).*");

    /** Keys of names and captions, not results: the experiment's title and section, a compared quantity's name. */
    private static final Pattern LABEL = Pattern.compile("experiment|section|title|quantity");

    /** One value that differs: where in the JSON, the committed and the new value, and their relative difference. */
    public record Drift(String path, String committed, String now, double relDiff) {}

    /** What one experiment's rerun gave. */
    public record Comparison(String experiment, List<Drift> drifts, boolean insideBookSpread) {}

    @Option(
            names = "--results",
            defaultValue = "results",
            description = "The committed results to compare with (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(
            names = "--allow-spread",
            description = "Accept drift where every quantity the book publishes stays inside its spread.")
    boolean allowSpread;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Experiments (default: every committed one).")
    List<String> names = List.of();

    @Override
    public Integer call() throws IOException {
        for (String n : names) {
            if (Main.find(n).isEmpty()) {
                throw new Launcher.UsageException(
                        "unknown experiment '" + n + "'; known: " + String.join(", ", Main.names()));
            }
        }
        List<String> chosen = names.isEmpty()
                ? Main.names().stream()
                        .filter(n -> Files.exists(results.resolve(n).resolve("metrics.json")))
                        .toList()
                : names;
        boolean ok = true;
        for (Comparison o : check(chosen, results)) {
            ok &= report(o, allowSpread);
        }
        System.out.println(ok ? "golden-check: as expected" : "golden-check: DRIFT (see above)");
        return ok ? 0 : Launcher.FAILED;
    }

    /** Reruns each of {@code names} into a temporary directory and compares it with {@code results/NAME}. */
    public static List<Comparison> check(List<String> names, Path results) throws IOException {
        List<Comparison> outcomes = new ArrayList<>();
        Path scratch = Files.createTempDirectory("d2l-mlp-golden-");
        try {
            for (String name : names) {
                JsonObject committed = read(results.resolve(name).resolve("metrics.json"));
                JsonObject config = committed.getAsJsonObject("config");
                List<String> args = new ArrayList<>(List.of("run", name, "--out", scratch.toString()));
                for (var setting : List.of(
                        Map.entry("epochs", "--epochs"),
                        Map.entry("lr", "--lr"),
                        Map.entry("batchSize", "--batch-size"),
                        Map.entry("seed", "--seed"),
                        Map.entry("device", "--device"))) {
                    if (config.has(setting.getKey())) { // an experiment records only what it takes
                        args.add(setting.getValue());
                        args.add(config.get(setting.getKey()).getAsString());
                    }
                }
                int status = Main.execute(args.toArray(String[]::new));
                if (status != 0) {
                    throw new IOException(name + ": the rerun failed with exit status " + status);
                }
                JsonObject now = read(scratch.resolve(name).resolve("metrics.json"));
                outcomes.add(new Comparison(name, compare(committed, now), insideBookSpread(now)));
            }
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return outcomes;
    }

    private static JsonObject read(Path metrics) throws IOException {
        if (!Files.isRegularFile(metrics)) {
            throw new IOException(metrics + ": no such file; the golden check compares with committed results");
        }
        return JsonParser.parseString(Files.readString(metrics)).getAsJsonObject();
    }

    /**
     * Every value of {@code committed} that {@code now} differs in, every number {@code now} lacks or adds; timings
     * and labels (titles, the names of compared quantities) are left out, and so is a text field only one side has.
     */
    public static List<Drift> compare(JsonElement committed, JsonElement now) {
        List<Drift> drifts = new ArrayList<>();
        compare("", committed, now, drifts);
        return drifts;
    }

    private static void compare(String path, JsonElement a, JsonElement b, List<Drift> drifts) {
        if (a.isJsonObject() && b.isJsonObject()) {
            JsonObject x = a.getAsJsonObject();
            JsonObject y = b.getAsJsonObject();
            TreeSet<String> keys = new TreeSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String k : keys) {
                if (TIMING.matcher(k).matches() || LABEL.matcher(k).matches()) {
                    continue;
                }
                String p = path.isEmpty() ? k : path + "." + k;
                if (!x.has(k) || !y.has(k)) {
                    if (!holdsNumbers(x.has(k) ? x.get(k) : y.get(k))) {
                        continue; // a text field added or removed (a title, a section) is no result
                    }
                    drifts.add(new Drift(
                            p,
                            x.has(k) ? text(x.get(k)) : "(absent)",
                            y.has(k) ? text(y.get(k)) : "(absent)",
                            Double.NaN));
                } else {
                    compare(p, x.get(k), y.get(k), drifts);
                }
            }
        } else if (a.isJsonArray() && b.isJsonArray()) {
            JsonArray x = a.getAsJsonArray();
            JsonArray y = b.getAsJsonArray();
            if (x.size() != y.size()) {
                drifts.add(new Drift(path, x.size() + " values", y.size() + " values", Double.NaN));
                return;
            }
            for (int i = 0; i < x.size(); i++) {
                compare(path + "[" + i + "]", x.get(i), y.get(i), drifts);
            }
        } else if (isNumber(a) && isNumber(b)) {
            double x = number(a);
            double y = number(b);
            if (!(x == y || Double.isNaN(x) && Double.isNaN(y))) {
                drifts.add(new Drift(path, text(a), text(b), Math.abs(y - x) / Math.max(Math.abs(x), 1e-300)));
            }
        } else if (!a.equals(b)) { // a text (a chosen class, a trace step), or a number against a text
            drifts.add(new Drift(path, text(a), text(b), Double.NaN));
        }
    }

    private static boolean holdsNumbers(JsonElement e) {
        if (e.isJsonObject()) {
            return e.getAsJsonObject().entrySet().stream()
                    .anyMatch(en -> !TIMING.matcher(en.getKey()).matches() && holdsNumbers(en.getValue()));
        }
        if (e.isJsonArray()) {
            return e.getAsJsonArray().asList().stream().anyMatch(GoldenCheck::holdsNumbers);
        }
        return isNumber(e);
    }

    /** A number, or NaN/Infinity, which Gson writes as bare words. */
    private static boolean isNumber(JsonElement e) {
        if (!e.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber()
                || p.isString() && List.of("NaN", "Infinity", "-Infinity").contains(p.getAsString());
    }

    private static double number(JsonElement e) {
        return e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.parseDouble(e.getAsString());
    }

    private static String text(JsonElement e) {
        String s = e.isJsonPrimitive() ? e.getAsString() : e.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Whether every published quantity in {@code metrics}' "book" entries lies inside the book's lo..hi. */
    public static boolean insideBookSpread(JsonObject metrics) {
        if (!metrics.has("book")) {
            return true;
        }
        for (JsonElement e : metrics.getAsJsonArray("book")) {
            Map<String, JsonElement> c = e.getAsJsonObject().asMap();
            double ours = number(c.get("ours"));
            double lo = number(c.get("lo"));
            double hi = number(c.get("hi"));
            if (!Double.isNaN(lo) && !Double.isNaN(hi) && !(ours >= lo && ours <= hi)) {
                return false;
            }
        }
        return true;
    }

    /** Prints the outcome as a table; whether it is acceptable. */
    private static boolean report(Comparison o, boolean allowSpread) {
        if (o.drifts().isEmpty()) {
            System.out.printf("%s: identical%n", o.experiment());
            return true;
        }
        boolean ok = allowSpread && o.insideBookSpread();
        System.out.printf(
                "%s: %d values drifted; book quantities %s the book's spread%s%n",
                o.experiment(),
                o.drifts().size(),
                o.insideBookSpread() ? "inside" : "OUTSIDE",
                ok ? " (accepted with --allow-spread)" : "");
        System.out.println("| path | committed | now | rel. diff |");
        System.out.println("|---|---|---|---|");
        List<Drift> shown = o.drifts().stream()
                .sorted(Comparator.comparingDouble((Drift d) -> Double.isNaN(d.relDiff()) ? 1e308 : d.relDiff())
                        .reversed())
                .limit(25)
                .toList();
        for (Drift d : shown) {
            System.out.printf(
                    "| %s | %s | %s | %s |%n",
                    d.path(),
                    d.committed(),
                    d.now(),
                    Double.isNaN(d.relDiff()) ? "–" : String.format("%.2e", d.relDiff()));
        }
        if (shown.size() < o.drifts().size()) {
            System.out.printf("| … %d more | | | |%n", o.drifts().size() - shown.size());
        }
        return ok;
    }
}
