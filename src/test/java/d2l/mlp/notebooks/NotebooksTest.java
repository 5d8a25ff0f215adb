package d2l.mlp.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the code cells of every notebook through JShell with the project's class path (one epoch per experiment),
 * so broken notebook code fails the normal test run without Jupyter. Magic cells ({@code %jars …}) are skipped;
 * the kernels' {@code display} is stubbed.
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
        assertEquals("java", nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString(),
                notebook + ": kernelspec name");
        List<String> cells = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            JsonElement src = cell.get("source");
            StringBuilder text = new StringBuilder();
            if (src.isJsonArray()) {
                for (JsonElement line : (JsonArray) src) {
                    text.append(line.getAsString());
                }
            } else {
                text.append(src.getAsString());
            }
            if (!text.toString().strip().startsWith("%")) {
                cells.add(text.toString());
            }
        }
        return cells;
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInJShell() throws IOException {
        List<Path> notebooks = notebooks();
        assertFalse(notebooks.isEmpty(), "no notebooks in " + DIR.toAbsolutePath());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb,
                classPath)));
    }

    private static void run(Path notebook, String classPath) throws IOException {
        try (JShell shell = JShell.builder()
                .remoteVMOptions("-Xmx3g", "-Dd2l.notebook.epochs=1", "-Dai.djl.offline=true")
                .out(System.out).err(System.err).build()) {
            for (String entry : classPath.split(File.pathSeparator)) {
                shell.addToClasspath(entry);
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
                String diags = shell.diagnostics(e.snippet()).map(d -> d.getMessage(null))
                        .collect(Collectors.joining("; "));
                fail(notebook + ", " + where + ": does not compile: " + diags + "\n" + source);
            }
            if (e.exception() != null) {
                fail(notebook + ", " + where + ": threw " + e.exception() + "\n" + source);
            }
        }
    }
}
