package d2l.mlp.cli;

import d2l.mlp.Chapter;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.runtime.JvmTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code d2l-mlp list | run NAME… | all | check}: the chapter's experiments from the command line. */
@Command(
        name = "d2l-mlp",
        mixinStandardHelpOptions = true,
        version = "d2l-mlp 0.1.0",
        description = "Chapter 4 of Dive into Deep Learning (Multilayer Perceptrons) on DJL + PyTorch.",
        subcommands = {Main.ListCommand.class, Main.RunCommand.class, Main.AllCommand.class, GoldenCheck.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        JvmTuning.skipOptimizingCompiler(); // faster here; see JvmTuning
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (0 ok, 1 failed, 2 bad usage). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        for (String sub : List.of("run", "all")) {
            cli.getSubcommands()
                    .get(sub)
                    .getCommandSpec()
                    .usageMessage()
                    .footer(Launcher.settingsTable(Chapter.EXPERIMENTS));
        }
        return Launcher.execute(cli, args);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments.")
    static final class ListCommand implements Runnable {
        @Override
        public void run() {
            for (Experiment e : Chapter.EXPERIMENTS) {
                System.out.printf("%-20s %-5s %s%n", e.name(), e.section(), e.title());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the named experiments.")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "Experiment names (see 'list').")
        List<String> names;

        @Mixin
        Launcher.Options options;

        @Override
        public Integer call() throws Exception {
            List<Experiment> chosen = new ArrayList<>();
            for (String n : names) {
                chosen.add(Chapter.find(n)
                        .orElseThrow(() -> new Launcher.UsageException(
                                "unknown experiment '" + n + "'; known: " + String.join(", ", Chapter.names()))));
            }
            return Launcher.runAll(chosen, options, true);
        }
    }

    @Command(
            name = "all",
            mixinStandardHelpOptions = true,
            description = "Run every experiment in book order; --epochs, --lr and --batch-size go to those that take"
                    + " them.")
    static final class AllCommand implements Callable<Integer> {
        @Mixin
        Launcher.Options options;

        @Override
        public Integer call() throws Exception {
            return Launcher.runAll(Chapter.EXPERIMENTS, options, false);
        }
    }
}
