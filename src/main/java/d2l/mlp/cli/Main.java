package d2l.mlp.cli;

import d2l.mlp.Chapter;
import d2l.mlp.Chapter.Experiment;
import d2l.mlp.core.Djl;
import d2l.mlp.core.Jvm;
import d2l.mlp.core.Result;
import d2l.mlp.core.Results;
import d2l.mlp.core.RunConfig;
import d2l.mlp.train.TrainingDivergedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code d2l-mlp list | run NAME… | all}: the chapter's experiments from the command line. */
@Command(name = "d2l-mlp", mixinStandardHelpOptions = true, version = "d2l-mlp 0.1.0",
        description = "Chapter 4 of Dive into Deep Learning (Multilayer Perceptrons) on DJL + PyTorch.",
        subcommands = {Main.ListCommand.class, Main.RunCommand.class, Main.AllCommand.class})
public final class Main implements Runnable {

    /** Exit status for a bad command line. */
    public static final int USAGE = 2;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        Jvm.skipOptimizingCompiler(); // faster here; see Jvm
        System.exit(execute(args));
    }

    /** Runs {@code d2l-mlp run name args…} and exits: the {@code main} of every section class. */
    public static void runOne(String name, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = name;
        System.arraycopy(args, 0, all, 2, args.length);
        main(all);
    }

    /** Runs the command line and returns the exit status (0 ok, 1 failed, 2 bad usage). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("d2l-mlp: " + e.getMessage() + " (see 'd2l-mlp --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof IllegalArgumentException) {
                System.err.println("d2l-mlp: " + e.getMessage());
                return USAGE;
            }
            System.err.println("d2l-mlp: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (!explainedByMessage(e)) {
                e.printStackTrace();
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * Whether {@code e}'s message already says what went wrong and what to do — a diverged run, a missing or bad
     * file, an engine that would not start — so the user is not shown a stack trace. Anything else is a bug and
     * gets one.
     */
    static boolean explainedByMessage(Throwable e) {
        return e instanceof TrainingDivergedException || e instanceof java.io.IOException
                || e instanceof ai.djl.engine.EngineException;
    }

    /** Options shared by {@code run} and {@code all}; unset ones keep each experiment's book default. */
    static final class Options {
        @Option(names = "--epochs", description = "Number of epochs (default: the book's, per experiment).")
        Integer epochs;

        @Option(names = "--lr", description = "Learning rate (default: the book's, per experiment).")
        Double lr;

        @Option(names = "--batch-size", description = "Minibatch size (default: the book's, per experiment).")
        Integer batchSize;

        @Option(names = "--seed", defaultValue = "" + RunConfig.DEFAULT_SEED,
                description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--device", defaultValue = "auto",
                description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--data-dir", description = "Directory searched first for data sets (also D2L_DATA_DIR).")
        Path dataDir;

        @Option(names = "--out", defaultValue = "results",
                description = "Results directory (default: ${DEFAULT-VALUE}).")
        Path out;

        RunConfig apply(RunConfig d) {
            if (epochs != null && epochs <= 0) {
                throw new IllegalArgumentException("--epochs must be > 0, got " + epochs);
            }
            if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
                throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
            }
            if (batchSize != null && batchSize <= 0) {
                throw new IllegalArgumentException("--batch-size must be > 0, got " + batchSize);
            }
            return new RunConfig(epochs != null ? epochs : d.epochs(), lr != null ? lr : d.lr(),
                    batchSize != null ? batchSize : d.batchSize(), seed, device, dataDir, out);
        }

        int runAll(List<Experiment> experiments) throws Exception {
            long start = System.nanoTime();
            for (Experiment e : experiments) {
                apply(e.defaults().get()); // validate every flag before anything runs
            }
            // --device too (gpu without one is an error before any data is loaded); say what it resolved to
            System.out.println("device: " + Djl.device(device));
            for (Experiment e : experiments) {
                RunConfig cfg = apply(e.defaults().get());
                System.out.printf("== %s (section %s): %s%n", e.name(), e.section(), e.title());
                long t0 = System.nanoTime();
                Result result = e.runner().run(cfg);
                Results.write(out, e.name(), e.title(), cfg, result);
                Results.writeSummary(out, Chapter.names());
                result.checks().forEach(c -> System.out.println("  " + c));
                System.out.printf("  %s done in %.1f s, written to %s%n", e.name(), (System.nanoTime() - t0) / 1e9,
                        out.resolve(e.name()));
            }
            System.out.printf("all done in %.1f s; summary in %s%n", (System.nanoTime() - start) / 1e9,
                    out.resolve("README.md"));
            return 0;
        }
    }

    @Command(name = "list", description = "List the experiments.")
    static final class ListCommand implements Runnable {
        @Override
        public void run() {
            for (Experiment e : Chapter.EXPERIMENTS) {
                System.out.printf("%-16s %-5s %s%n", e.name(), e.section(), e.title());
            }
        }
    }

    @Command(name = "run", description = "Run the named experiments.")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "Experiment names (see 'list').")
        List<String> names;

        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            List<Experiment> chosen = new ArrayList<>();
            for (String n : names) {
                chosen.add(Chapter.find(n).orElseThrow(() -> new IllegalArgumentException(
                        "unknown experiment '" + n + "'; known: " + String.join(", ", Chapter.names()))));
            }
            return options.runAll(chosen);
        }
    }

    @Command(name = "all", description = "Run every experiment in book order.")
    static final class AllCommand implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() throws Exception {
            return options.runAll(Chapter.EXPERIMENTS);
        }
    }
}
