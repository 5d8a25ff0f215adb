package d2l.mlp.runtime;

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
}
