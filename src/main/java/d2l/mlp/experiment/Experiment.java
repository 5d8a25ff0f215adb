package d2l.mlp.experiment;

import d2l.mlp.report.ExperimentResult;
import d2l.mlp.runtime.RunConfig;
import java.util.function.Supplier;

/**
 * One runnable experiment of the chapter: what the CLI lists, a section's {@code main} launches and a notebook or a
 * test calls.
 *
 * @param name CLI name and results/ folder
 * @param section the book's section number, e.g. {@code 4.2}; a {@code +} marks work beyond the book
 * @param title what it shows
 * @param defaults the book's hyperparameters
 * @param runner the section's {@code run}
 */
public record Experiment(String name, String section, String title, Supplier<RunConfig> defaults, Runner runner) {

    /** Runs an experiment. */
    @FunctionalInterface
    public interface Runner {
        ExperimentResult run(RunConfig cfg) throws Exception;
    }
}
