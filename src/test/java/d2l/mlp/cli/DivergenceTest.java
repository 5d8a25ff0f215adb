package d2l.mlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learning rate far too large, for each kind of training loop (Fashion-MNIST classifiers, the batched polynomial
 * and weight-decay regressions, the house-price loop): the run stops at the first non-finite loss, exits 1, says
 * which experiment, which epoch and which learning rate, and writes nothing for that experiment. (For the MLPs,
 * 1e6 is not enough: the ReLUs die and the loss stays finite, about 1e32 in the first epoch; 1e12 overflows. Adam
 * steps by about the learning rate whatever the gradient, so the linear house model needs 1e30. The house MLP
 * learns the log price: at 1e4 its losses stay finite, but exp of its predictions overflows.)
 */
@Tag("slow")
class DivergenceTest {

    @TempDir
    Path out;

    @Test
    void mlpScratch() throws IOException {
        assertStopsAndWritesNothing("mlp-scratch", "1e12", "--epochs", "2");
    }

    @Test
    void mlpConcise() throws IOException {
        assertStopsAndWritesNothing("mlp-concise", "1e12", "--epochs", "2");
    }

    @Test
    void underfitOverfit() throws IOException {
        assertStopsAndWritesNothing("underfit-overfit", "100", "--epochs", "20");
    }

    @Test
    void modelSelection() throws IOException {
        assertStopsAndWritesNothing("model-selection", "100", "--epochs", "20");
    }

    @Test
    void weightDecayScratch() throws IOException {
        assertStopsAndWritesNothing("weight-decay-scratch", "100", "--epochs", "10");
    }

    @Test
    void weightDecayConcise() throws IOException {
        assertStopsAndWritesNothing("weight-decay-concise", "100", "--epochs", "10");
    }

    @Test
    void kaggleHouse() throws IOException {
        assertStopsAndWritesNothing("kaggle-house", "1e30", "--epochs", "5");
    }

    @Test
    void kaggleHouseMlp() throws IOException {
        assertStopsAndWritesNothing("kaggle-house-mlp", "1e4", "--epochs", "5");
    }

    private void assertStopsAndWritesNothing(String experiment, String lr, String... more) throws IOException {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        System.setErr(new PrintStream(errors, true));
        int status;
        try {
            List<String> args =
                    new java.util.ArrayList<>(List.of("run", experiment, "--lr", lr, "--out", out.toString()));
            args.addAll(List.of(more));
            status = Main.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String err = errors.toString();
        assertEquals(1, status, "exit 1 for a failed run; stderr: " + err + "\nstdout: " + tail(printed.toString()));
        assertTrue(err.contains(experiment), "names the experiment: " + err);
        assertTrue(err.matches("(?s).*\\bepoch \\d+.*"), "names the epoch: " + err);
        double rate = Double.parseDouble(lr);
        assertTrue(
                err.contains(lr) || err.contains(Double.toString(rate)) || err.contains(String.format("%g", rate)),
                "names the learning rate " + lr + ": " + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(out.resolve(experiment)), "nothing written for " + experiment);
        try (Stream<Path> left = Files.list(out)) {
            List<String> names = left.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".d2l"))
                    .toList();
            assertEquals(List.of(), names, "no staging folder, no summary");
        }
    }

    private static String tail(String s) {
        return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    }
}
