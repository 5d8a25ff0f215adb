package d2l.mlp.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the code cells of every notebook through JShell with the project's class path (one epoch per experiment),
 * so broken notebook code fails the normal test run without Jupyter. Magic cells ({@code %jars …}) and the jar
 * check are skipped; the kernels' {@code display} is stubbed. Every notebook ends by checking its own code against
 * the library's section class ({@code LibraryCheck}), so a notebook that drifts from the library fails here too.
 * Also checks the committed outputs: executed, without machine paths, colour codes, kernel chatter, wall times or
 * timestamps, and ending with one library-check line.
 */
@Tag("notebooks")
@Tag("slow")
class NotebooksTest {

    private static final Path DIR = Path.of("notebooks");

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
    }

    /** The code cells of {@code notebook}, magics left out. */
    static List<String> codeCells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        assertEquals(
                "java",
                nb.getAsJsonObject("metadata")
                        .getAsJsonObject("kernelspec")
                        .get("name")
                        .getAsString(),
                notebook + ": kernelspec name");
        List<String> cells = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            String text = text(cell.get("source"));
            // the first cell checks for ../target/d2l-mlp.jar as seen from notebooks/, where the kernels run
            boolean jarCheck = cell.has("id") && cell.get("id").getAsString().equals("check-jar");
            if (!text.strip().startsWith("%") && !jarCheck) {
                cells.add(text);
            }
        }
        return cells;
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInJShell() throws IOException {
        List<Path> notebooks = notebooks();
        assertFalse(notebooks.isEmpty(), "no notebooks in " + DIR.toAbsolutePath());
        return notebooks.stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb, classPath())));
    }

    /**
     * The drift check can fail: 4.7's notebook with its ReLU swapped for a leaky one must stop at its comparison
     * with {@code Backprop} (the cheapest notebook to run; the others end with the same kind of check).
     */
    @Test
    void aNotebookWhoseCodeDisagreesWithTheLibraryFails(@TempDir Path tmp) throws IOException {
        String json = Files.readString(DIR.resolve("07-backprop.ipynb"));
        String relu = "UnaryOperator<NDArray> phi = Activation::relu;";
        assertTrue(json.contains(relu), "07-backprop.ipynb no longer defines phi as " + relu);
        Path altered = tmp.resolve("07-backprop.ipynb");
        String leaky = "UnaryOperator<NDArray> phi = z -> Activation.leakyRelu(z, 0.1f);";
        Files.writeString(altered, json.replace(relu, leaky));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> run(altered, classPath()));
        assertTrue(e.getMessage().contains("notebook and library disagree: o"), e.getMessage());
    }

    /** What a committed output must not contain: machine paths, ANSI escapes, log lines of the kernel or DJL. */
    private static final Pattern UNCLEAN = Pattern.compile(
            "/(work|root|home|tmp)\\b|\u001b|to classpath|jar files\\.|SLF4J|\\[(INFO|WARNING|SEVERE) *\\]|WARN ");

    @TestFactory
    Stream<DynamicTest> committedOutputsAreCleanAndFromARealRun() throws IOException {
        return notebooks().stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
                    JsonObject json =
                            JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
                    int n = 0;
                    for (JsonElement c : json.getAsJsonArray("cells")) {
                        JsonObject cell = c.getAsJsonObject();
                        String where = nb.getFileName() + ", cell " + ++n;
                        String source = text(cell.get("source"));
                        assertClean(where + " source", source);
                        if (!cell.get("cell_type").getAsString().equals("code")) {
                            continue;
                        }
                        JsonArray outputs = cell.getAsJsonArray("outputs");
                        if (source.strip().startsWith("%")) {
                            assertTrue(
                                    outputs.isEmpty(), where + ": the magic's output (kernel chatter) was committed");
                            continue;
                        }
                        assertNotNull(
                                cell.get("execution_count").isJsonNull() ? null : cell.get("execution_count"),
                                where + ": never executed; run scripts/run-notebooks.sh");
                        for (JsonElement o : outputs) {
                            JsonObject out = o.getAsJsonObject();
                            assertFalse(
                                    out.get("output_type").getAsString().equals("error"),
                                    where + ": committed an error");
                            // rapaio's display(...) returns the display's id: a cell ending with it prints a new
                            // id on every run, so the notebook would change on every execution
                            assertFalse(
                                    out.get("output_type").getAsString().equals("execute_result")
                                            && DISPLAY_ID
                                                    .matcher(out.toString())
                                                    .find(),
                                    where + ": ends with display(...), whose id the kernel prints; call it in a loop");
                            if (out.has("text")) {
                                assertClean(where + " output", text(out.get("text")));
                            }
                            if (out.has("data")) {
                                for (var entry : out.getAsJsonObject("data").entrySet()) {
                                    if (entry.getKey()
                                            .startsWith("text/")) { // images are base64, where "/tmp" may occur
                                        assertClean(where + " output " + entry.getKey(), text(entry.getValue()));
                                    }
                                }
                            }
                        }
                    }
                }));
    }

    private static final Pattern DISPLAY_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** An epoch line's wall time, e.g. "(0.4 s)": it differs from run to run, so committed outputs must not hold it. */
    private static final Pattern WALL_TIME = Pattern.compile("\\(\\d+\\.\\d+ s\\)");

    /** What the last section of every notebook prints when the notebook agrees with the library. */
    static final String LIBRARY_CHECK = "Library check: the notebook agrees with ";

    /**
     * Every notebook ends with the section "Check against the library", whose committed output is one line, the
     * {@link #LIBRARY_CHECK} summary; no committed output carries a wall time or an execution timestamp, so that a
     * re-run on the same machine changes no byte.
     */
    @TestFactory
    Stream<DynamicTest> committedOutputsEndWithOneLibraryCheckAndHoldNothingThatChangesPerRun() throws IOException {
        return notebooks().stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
                    JsonObject json =
                            JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
                    List<String> checkLines = new ArrayList<>();
                    String lastHeading = "";
                    int n = 0;
                    for (JsonElement c : json.getAsJsonArray("cells")) {
                        JsonObject cell = c.getAsJsonObject();
                        String where = nb.getFileName() + ", cell " + ++n;
                        assertFalse(
                                cell.getAsJsonObject("metadata").has("execution"),
                                where + ": execution timestamps committed; run scripts/run-notebooks.sh");
                        String source = text(cell.get("source"));
                        if (cell.get("cell_type").getAsString().equals("markdown")) {
                            for (String line : source.split("\n")) {
                                if (line.startsWith("## ")) {
                                    lastHeading = line;
                                }
                            }
                            continue;
                        }
                        for (JsonElement o : cell.getAsJsonArray("outputs")) {
                            JsonObject out = o.getAsJsonObject();
                            if (!out.has("text")) {
                                continue;
                            }
                            String text = text(out.get("text"));
                            var m = WALL_TIME.matcher(text);
                            assertFalse(m.find(), where + ": a wall time in the committed output: " + text);
                            for (String line : text.split("\n")) {
                                if (line.startsWith("Library check:")) {
                                    assertEquals("## Check against the library", lastHeading, where);
                                    checkLines.add(line);
                                }
                            }
                        }
                    }
                    assertEquals("## Check against the library", lastHeading, nb + ": the last section");
                    assertEquals(1, checkLines.size(), nb + ": library check lines " + checkLines);
                    assertTrue(checkLines.get(0).startsWith(LIBRARY_CHECK), checkLines.get(0));
                    assertTrue(checkLines.get(0).contains(" bit for bit"), checkLines.get(0));
                }));
    }

    private static void assertClean(String where, String text) {
        var m = UNCLEAN.matcher(text);
        if (m.find()) {
            int from = Math.max(0, m.start() - 40);
            fail(where + " holds '" + m.group() + "': ..."
                    + text.substring(from, Math.min(text.length(), m.end() + 40))
                            .replace("\u001b", "ESC") + "...");
        }
    }

    /** A notebook field's text: a string, or a list of lines. */
    static String text(JsonElement e) {
        if (!e.isJsonArray()) {
            return e.getAsString();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonElement line : e.getAsJsonArray()) {
            sb.append(line.getAsString());
        }
        return sb.toString();
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void run(Path notebook, String classPath) throws IOException {
        try (JShell shell = JShell.builder()
                .remoteVMOptions("-Xmx3g", "-Dd2l.notebook.epochs=1", "-Dai.djl.offline=true")
                .out(System.out)
                .err(System.err)
                .build()) {
            for (String entry : classPath.split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            // what both Java kernels import before the first cell (rapaio's init.jshell; IJava has JShell's default
            // startup, a superset); a notebook must not import java.util.* itself: in rapaio's kernel that drops
            // its display()
            for (String pkg : List.of(
                    "java.util",
                    "java.io",
                    "java.math",
                    "java.net",
                    "java.util.concurrent",
                    "java.util.prefs",
                    "java.util.regex")) {
                eval(shell, notebook, "(kernel imports)", "import " + pkg + ".*;");
            }
            eval(shell, notebook, "(stub)", "void display(Object o) {}");
            int n = 0;
            for (String cell : codeCells(notebook)) {
                n++;
                SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
                String rest = cell;
                while (!rest.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                    if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                        break;
                    }
                    if (!info.completeness().isComplete()) {
                        fail(notebook + ", code cell " + n + ": incomplete Java: " + rest);
                    }
                    eval(shell, notebook, "code cell " + n, info.source());
                    rest = info.remaining();
                }
            }
        }
    }

    private static void eval(JShell shell, Path notebook, String where, String source) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.status() == Snippet.Status.REJECTED) {
                String diags = shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(null))
                        .collect(Collectors.joining("; "));
                fail(notebook + ", " + where + ": does not compile: " + diags + "\n" + source);
            }
            if (e.exception() != null) {
                fail(notebook + ", " + where + ": threw " + e.exception() + "\n" + source);
            }
        }
    }
}
