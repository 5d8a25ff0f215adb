package d2l.mlp.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * What the notebooks call to configure an experiment. A notebook runs the book's setting unless
 * {@code D2L_NOTEBOOK_EPOCHS} (environment) or {@code d2l.notebook.epochs} (system property) caps the number of
 * epochs — the quick check in the test suite runs every notebook with one epoch.
 */
public final class NotebookConfig {

    private NotebookConfig() {}

    /** {@code bookDefaults}, with the epochs capped when a cap is set. */
    public static RunConfig config(RunConfig bookDefaults) {
        String cap = System.getProperty("d2l.notebook.epochs", System.getenv("D2L_NOTEBOOK_EPOCHS"));
        if (cap == null || cap.isBlank() || !bookDefaults.takes(RunConfig.Setting.EPOCHS)) {
            return bookDefaults;
        }
        return bookDefaults.withEpochs(Math.min(bookDefaults.epochs(), Integer.parseInt(cap.trim())));
    }

    /**
     * Runs {@code work} with {@code System.out} discarded: for a library run whose per-epoch lines would repeat, or
     * contradict, what the notebook has already printed (e.g. in the notebook's check against the library).
     */
    public static <T> T quietly(Callable<T> work) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return work.call();
        } finally {
            System.setOut(out);
        }
    }
}
