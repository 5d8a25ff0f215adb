package d2l.mlp.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import d2l.mlp.runtime.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path tmp;

    /** Runs an experiment whose run throws {@code bug}: exit status and stderr. */
    private static Experiment throwing(RuntimeException bug) {
        return new Experiment("broken", "0.0", "throws", () -> RunConfig.of(1, 0.1, 8), cfg -> {
            throw bug;
        });
    }

    private Object[] runThrowing(RuntimeException bug, String... more) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            String[] args = new String[more.length + 4];
            System.arraycopy(new String[] {"--out", tmp.toString(), "--device", "cpu"}, 0, args, 0, 4);
            System.arraycopy(more, 0, args, 4, more.length);
            int status = Launcher.execute(Launcher.singleRun(throwing(bug)), args);
            return new Object[] {status, buf.toString()};
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    @Test
    void anIllegalArgumentOrAnEngineErrorInsideARunIsABugWithItsStackTrace() {
        for (RuntimeException bug : new RuntimeException[] {
            new IllegalArgumentException("k-fold needs k >= 2, got k = 1"),
            new EngineException("mat1 and mat2 shapes cannot be multiplied (8x784 and 256x10)")
        }) {
            Object[] r = runThrowing(bug);
            String err = (String) r[1];
            assertEquals(1, r[0], err);
            assertTrue(err.startsWith("d2l-mlp: " + bug.getMessage()), err);
            assertTrue(err.contains("\tat "), "stack trace: " + err);
        }
    }

    @Test
    void aBadValueIsStillAUsageError() {
        Object[] r = runThrowing(new IllegalStateException("never runs"), "--epochs", "0");
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        assertEquals("d2l-mlp: --epochs must be > 0, got 0", err.strip());
    }

    @Test
    void aSectionsMainHasHelpWithItsSettings() {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int status;
        try {
            status = Launcher.execute(Launcher.singleRun(throwing(new IllegalStateException("never runs"))), "--help");
        } finally {
            System.setOut(out);
        }
        assertEquals(0, status);
        assertTrue(buf.toString().contains("--epochs 1  --lr 0.1  --batch-size 8"), buf.toString());
    }
}
