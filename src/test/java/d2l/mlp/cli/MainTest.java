package d2l.mlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path tmp;

    /** Runs the CLI, returning exit status, stderr and stdout. */
    private static Object[] run(String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBuf, true));
        System.setOut(new PrintStream(outBuf, true));
        try {
            int status = Main.execute(args);
            return new Object[] {status, errBuf.toString(), outBuf.toString()};
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    private static void assertUsageError(String expected, String... args) {
        Object[] r = run(args);
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }

    @Test
    void badFlagsAreOneLineErrorsWithStatus2() {
        assertUsageError("unknown experiment 'nope'", "run", "nope");
        assertUsageError("--epochs must be > 0", "run", "mlp-scratch", "--epochs", "0");
        assertUsageError("--lr must be", "run", "mlp-scratch", "--lr", "-1");
        assertUsageError("--lr must be", "all", "--lr", "0");
        assertUsageError("--batch-size must be > 0", "run", "mlp-scratch", "--batch-size", "0");
        assertUsageError("--epochs", "run", "mlp-scratch", "--epochs", "ten");
        assertUsageError("--device must be auto, cpu or gpu", "run", "activations", "--device", "tpu");
        assertUsageError("Unknown option", "run", "activations", "--frobnicate");
        assertUsageError("--seed must be between 0 and 4294967295", "run", "activations", "--seed", "4294967297");
    }

    @Test
    void anOptionTheExperimentDoesNotTakeIsAUsageError() {
        assertUsageError("activations takes no --lr", "run", "activations", "--lr", "3");
        assertUsageError("activations takes no --epochs", "run", "activations", "--epochs", "2");
        assertUsageError("xavier takes no --lr", "run", "xavier", "--lr", "3");
        assertUsageError("backprop takes no --epochs", "run", "mlp-scratch", "backprop", "--epochs", "1");
    }

    @Test
    void metricsRecordOnlyTheSettingsTheExperimentTakes() throws Exception {
        assertEquals(0, run("run", "activations", "xavier", "--out", tmp.toString())[0]);
        JsonObject activations = JsonParser.parseString(Files.readString(tmp.resolve("activations/metrics.json")))
                .getAsJsonObject()
                .getAsJsonObject("config");
        assertEquals(Set.of("seed", "device", "deviceUsed"), activations.keySet());
        assertTrue(activations.get("deviceUsed").getAsString().matches("cpu|gpu\\d+"), activations.toString());
        JsonObject xavier = JsonParser.parseString(Files.readString(tmp.resolve("xavier/metrics.json")))
                .getAsJsonObject()
                .getAsJsonObject("config");
        assertEquals(Set.of("batchSize", "seed", "device", "deviceUsed"), xavier.keySet());
    }

    @Test
    void theGoldenCheckIsASubcommandWithTheCliErrorRules() {
        assertUsageError("Missing required parameter for option '--results'", "check", "--results");
        assertUsageError("unknown experiment 'nope'", "check", "nope");
    }

    @Test
    void gpuWithoutAGpuIsAClearError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                d2l.mlp.runtime.TorchRuntime.engine().getGpuCount() == 0);
        assertUsageError("sees 0 GPU", "run", "activations", "--device", "gpu", "--out", tmp.toString());
        assertFalse(Files.exists(tmp.resolve("activations")), "nothing is written before the device is known");
    }

    @Test
    void runSaysWhichDeviceItResolved() {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, Main.execute("run", "activations", "--device", "cpu", "--out", tmp.toString()));
        } finally {
            System.setOut(out);
        }
        assertTrue(buf.toString().startsWith("device: cpu()"), buf.toString());
    }

    @Test
    void runWritesMetricsPlotsAndSummary() throws Exception {
        assertEquals(0, run("run", "activations", "--out", tmp.toString())[0]);
        assertTrue(Files.exists(tmp.resolve("activations/metrics.json")));
        assertTrue(Files.exists(tmp.resolve("activations/grad-sigmoid.svg")));
        assertTrue(Files.exists(tmp.resolve("activations/grad-sigmoid.png")));
        String summary = Files.readString(tmp.resolve("README.md"));
        assertTrue(summary.contains("max sigmoid gradient"), summary);
    }

    @Test
    void anUnwritableOutFailsBeforeAnyTraining() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        for (String out : new String[] {file.resolve("results").toString(), "/proc/nope"}) {
            PrintStream stdout = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true));
            Object[] r;
            try {
                r = run("run", "mlp-scratch", "--out", out);
            } finally {
                System.setOut(stdout);
            }
            String err = (String) r[1];
            assertEquals(1, r[0], err);
            assertTrue(err.startsWith("d2l-mlp: cannot write results to " + out), err);
            assertTrue(err.contains("choose a writable directory with --out"), err);
            assertEquals(1, err.strip().lines().count(), "one line: " + err);
            // claimed before the engine starts: neither the device line nor any epoch was printed
            assertEquals("", printed.toString(), "nothing ran before the check");
        }
    }

    @Test
    void aBatchLargerThanTheDataSetRunsAsOneBatch() throws Exception {
        // weight decay trains on 20 examples; 1000 makes every step one full-batch step
        Object[] r =
                run("run", "weight-decay-scratch", "--batch-size", "1000", "--epochs", "3", "--out", tmp.toString());
        assertEquals(0, r[0], (String) r[1]);
        String json = Files.readString(tmp.resolve("weight-decay-scratch/metrics.json"));
        assertTrue(json.contains("\"batchSize\": 1000"), json);
    }

    @Test
    void onlyBugsGetAStackTrace() {
        assertTrue(d2l.mlp.experiment.Launcher.explainedByMessage(new java.io.FileNotFoundException("train.csv")));
        assertFalse(d2l.mlp.experiment.Launcher.explainedByMessage(new NullPointerException()));
        // libtorch's errors inside a run (a shape mismatch) are bugs; only an engine that would not start is not
        assertFalse(d2l.mlp.experiment.Launcher.explainedByMessage(
                new ai.djl.engine.EngineException("mat1 and mat2 shapes cannot be multiplied")));
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] args : new String[][] {
            {"--help"}, {"list", "--help"}, {"run", "--help"}, {"all", "--help"}, {"check", "--help"}
        }) {
            Object[] r = run(args);
            assertEquals(0, r[0], String.join(" ", args) + ": " + r[1]);
            assertTrue(((String) r[2]).startsWith("Usage: d2l-mlp"), String.join(" ", args) + ": " + r[2]);
        }
    }

    @Test
    void runHelpListsTheSettingsEachExperimentTakes() {
        Object[] r = run("run", "mlp-concise", "--help");
        String help = (String) r[2];
        assertEquals(0, r[0], help);
        assertTrue(
                help.lines().anyMatch(l -> l.matches(" *mlp-concise +--epochs 10 +--lr 0.1 +--batch-size 256")), help);
        assertFalse(help.contains("activations"), "only the named experiment's settings: " + help);

        String all = (String) run("run", "--help")[2];
        assertTrue(all.lines().anyMatch(l -> l.matches(" *activations +\\(none\\)")), all);
        assertTrue(all.lines().anyMatch(l -> l.matches(" *xavier +--batch-size \\d+")), all);
        assertTrue(all.contains("mlp-concise"), all);
    }
}
