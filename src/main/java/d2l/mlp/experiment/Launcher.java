package d2l.mlp.experiment;

import d2l.mlp.fast.JvmTuning;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.OutputDirectory;
import d2l.mlp.report.ResultWriter;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.train.TrainingDivergedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs experiments from a command line: option parsing, the output directory, the run itself, writing the results,
 * and the exit status (0 ok, 1 failed run, 2 bad command line). The CLI's {@code run} and {@code all} and every
 * section's {@code main} go through it.
 */
public final class Launcher {

    /** Exit status for a bad command line. */
    public static final int USAGE = 2;

    /** Exit status for a run that failed. */
    public static final int FAILED = 1;

    private Launcher() {}

    /** A section's {@code main}: runs {@code experiment} with the options in {@code args} and exits. */
    public static void main(Experiment experiment, String[] args) {
        JvmTuning.skipOptimizingCompiler(); // faster here; see JvmTuning
        System.exit(execute(singleRun(experiment), args));
    }

    /** The command line of a section's {@code main}: the options, and in its help the settings it takes. */
    static CommandLine singleRun(Experiment experiment) {
        CommandLine cli = new CommandLine(new SingleRun(experiment));
        cli.getCommandSpec().usageMessage().footer(settingsTable(List.of(experiment)));
        return cli;
    }

    /**
     * The usage footer that lists, per experiment, the settings it takes with the book's values: the options
     * {@code --epochs}, {@code --lr} and {@code --batch-size} it accepts.
     */
    public static String settingsTable(List<Experiment> experiments) {
        StringBuilder s = new StringBuilder("%nSettings each experiment takes (its default; others are rejected):%n");
        for (Experiment e : experiments) {
            RunConfig d = e.defaults().get();
            List<String> taken = new ArrayList<>();
            for (RunConfig.Setting setting : RunConfig.Setting.values()) {
                if (d.takes(setting)) {
                    taken.add(setting.flag() + " " + d.valueText(setting));
                }
            }
            s.append(String.format(
                    java.util.Locale.ROOT,
                    "  %-20s %s%%n",
                    e.name(),
                    taken.isEmpty() ? "(none)" : String.join("  ", taken)));
        }
        return s.toString();
    }

    /**
     * A bad command line found after parsing: an unknown experiment, an option the experiment does not take, a value
     * out of range, a device that is not there. One line on stderr, exit status {@link #USAGE}.
     */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Runs {@code command} (a picocli command) on {@code args}; returns the exit status. */
    public static int execute(Object command, String... args) {
        return execute(new CommandLine(command), args);
    }

    /**
     * Runs {@code cli} on {@code args}; returns the exit status. A usage error and a failure the message explains are
     * one line; any other exception from a run (an {@code IllegalArgumentException} or an {@code EngineException}
     * raised by the code, a shape mismatch in libtorch) is a bug: exit 1 with its stack trace.
     */
    public static int execute(CommandLine cli, String... args) {
        cli.registerConverter(DeviceChoice.class, s -> {
            try {
                return DeviceChoice.parse(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("d2l-mlp: " + e.getMessage() + " (see 'd2l-mlp --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof UsageException) {
                System.err.println("d2l-mlp: " + e.getMessage());
                return USAGE;
            }
            System.err.println("d2l-mlp: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (!explainedByMessage(e)) {
                e.printStackTrace();
            }
            return FAILED;
        });
        return cli.execute(args);
    }

    /**
     * Whether {@code e}'s message already says what went wrong and what to do — a diverged run, a missing or bad
     * file, an engine that would not start ({@link EngineUnavailable}) — so the user is not shown a stack trace.
     * Anything else is a bug and gets one.
     */
    public static boolean explainedByMessage(Throwable e) {
        return e instanceof TrainingDivergedException
                || e instanceof java.io.IOException
                || e instanceof EngineUnavailable
                || e instanceof InterruptedException;
    }

    /** The engine did not start before any run: its message names the cause and the fix (exit 1, no trace). */
    static final class EngineUnavailable extends RuntimeException {
        EngineUnavailable(ai.djl.engine.EngineException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Options shared by every way of running experiments; unset ones keep each experiment's book default. */
    public static final class Options {
        @Option(names = "--epochs", description = "Number of epochs (default: the book's, per experiment).")
        Integer epochs;

        @Option(names = "--lr", description = "Learning rate (default: the book's, per experiment).")
        Double lr;

        @Option(names = "--batch-size", description = "Minibatch size (default: the book's, per experiment).")
        Integer batchSize;

        @Option(
                names = "--seed",
                defaultValue = "" + RunConfig.DEFAULT_SEED,
                description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--device",
                defaultValue = "auto",
                description = "auto, cpu or gpu[N] (default: ${DEFAULT-VALUE}).")
        DeviceChoice device;

        @Option(names = "--data-dir", description = "Directory searched first for data sets (also D2L_DATA_DIR).")
        Path dataDir;

        @Option(
                names = "--out",
                defaultValue = "results",
                description = "Results directory (default: ${DEFAULT-VALUE}).")
        Path out;

        /**
         * {@code e}'s defaults with the options given on the command line. An option {@code e} does not take is an
         * error when {@code strict} (the experiment was named), and left out otherwise ({@code all}).
         */
        RunConfig apply(Experiment e, boolean strict) {
            RunConfig cfg = e.defaults().get().withSeed(seed).withDevice(device).withDataDir(dataDir);
            if (epochs != null && takes(e, cfg, RunConfig.Setting.EPOCHS, strict)) {
                cfg = cfg.withEpochs(epochs);
            }
            if (lr != null && takes(e, cfg, RunConfig.Setting.LR, strict)) {
                cfg = cfg.withLr(lr);
            }
            if (batchSize != null && takes(e, cfg, RunConfig.Setting.BATCH_SIZE, strict)) {
                cfg = cfg.withBatchSize(batchSize);
            }
            return cfg;
        }

        private static boolean takes(Experiment e, RunConfig defaults, RunConfig.Setting s, boolean strict) {
            if (!defaults.takes(s) && strict) {
                throw new UsageException(e.name() + " takes no " + s.flag());
            }
            return defaults.takes(s);
        }
    }

    /**
     * The run loop of {@code run}, {@code all} and a section's {@code main}: runs {@code experiments} in order, each
     * written to {@code --out} when it ends. Every flag is checked and the output directory is claimed before the
     * engine starts; an experiment that fails leaves nothing of its own behind, and the ones before it stay written.
     */
    public static int runAll(List<Experiment> experiments, Options options, boolean strict) throws Exception {
        long start = System.nanoTime();
        List<RunConfig> configs = new ArrayList<>();
        for (Experiment e : experiments) {
            configs.add(usage(() -> options.apply(e, strict))); // every flag checked before anything runs
        }
        try (OutputDirectory dir = OutputDirectory.claim(options.out)) {
            // --device too (gpu without one is an error before any data is loaded); say what it resolved to
            System.out.println("device: " + usage(options.device::resolve));
            for (int i = 0; i < experiments.size(); i++) {
                Experiment e = experiments.get(i);
                RunConfig cfg = configs.get(i);
                System.out.printf("== %s (section %s): %s%n", e.name(), e.section(), e.title());
                long t0 = System.nanoTime();
                ExperimentResult result;
                try (var running = dir.running(e.name())) {
                    result = run(e, cfg);
                    ResultWriter.write(dir, e.name(), e.section(), e.title(), cfg, result);
                }
                ResultWriter.writeSummary(dir);
                result.checks().forEach(c -> System.out.println("  " + c));
                System.out.printf(
                        "  %s done in %.1f s, written to %s%n",
                        e.name(), (System.nanoTime() - t0) / 1e9, options.out.resolve(e.name()));
            }
        }
        System.out.printf(
                "all done in %.1f s; summary in %s%n",
                (System.nanoTime() - start) / 1e9, options.out.resolve("README.md"));
        return 0;
    }

    /**
     * {@code check}'s value; an {@code IllegalArgumentException} it throws is the command line's fault here (a value
     * out of range, a missing GPU) and an {@code EngineException} an engine that would not start.
     */
    private static <T> T usage(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (ai.djl.engine.EngineException e) {
            throw new EngineUnavailable(e);
        }
    }

    /** Runs {@code e}; a divergence gets the hint to lower {@code --lr} where the experiment takes one. */
    private static ExperimentResult run(Experiment e, RunConfig cfg) throws Exception {
        try {
            return e.runner().run(cfg);
        } catch (TrainingDivergedException d) {
            if (!cfg.takes(RunConfig.Setting.LR)) {
                throw d;
            }
            throw d.withHint("The step size is too large for this model: run it again with a smaller --lr than "
                    + cfg.lr() + " (see 'd2l-mlp list' and docs/fidelity.md for the book's values).");
        }
    }

    /** The command line of a section's {@code main}: the options only. */
    @Command(mixinStandardHelpOptions = true)
    static final class SingleRun implements Callable<Integer> {
        private final Experiment experiment;

        @Mixin
        Options options;

        SingleRun(Experiment experiment) {
            this.experiment = experiment;
        }

        @Override
        public Integer call() throws Exception {
            return runAll(List.of(experiment), options, true);
        }
    }
}
