package d2l.mlp.cli;

import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.s401_mlp.Activations;
import d2l.mlp.s402_mlp_scratch.MlpScratch;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s404_underfit_overfit.ModelSelection;
import d2l.mlp.s404_underfit_overfit.UnderfitOverfit;
import d2l.mlp.s405_weight_decay.WeightDecayConcise;
import d2l.mlp.s405_weight_decay.WeightDecayScratch;
import d2l.mlp.s405_weight_decay.WeightDecaySweep;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.s406_dropout.DropoutScratch;
import d2l.mlp.s406_dropout.MlpBest;
import d2l.mlp.s406_dropout.MlpBestSweep;
import d2l.mlp.s407_backprop.Backprop;
import d2l.mlp.s408_numerical_stability.NumericalStability;
import d2l.mlp.s408_numerical_stability.Xavier;
import d2l.mlp.s409_distribution_shift.DistributionShift;
import d2l.mlp.s410_kaggle_house.KaggleHouse;
import d2l.mlp.s410_kaggle_house.KaggleHouseMlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

    /** The chapter's experiments in book order: what {@code list}, {@code run}, {@code all} and {@code check} know. */
    public static final List<Experiment> EXPERIMENTS = List.of(
            Activations.EXPERIMENT,
            MlpScratch.EXPERIMENT,
            MlpConcise.EXPERIMENT,
            UnderfitOverfit.EXPERIMENT,
            ModelSelection.EXPERIMENT,
            WeightDecayScratch.EXPERIMENT,
            WeightDecayConcise.EXPERIMENT,
            WeightDecaySweep.EXPERIMENT,
            DropoutScratch.EXPERIMENT,
            DropoutConcise.EXPERIMENT,
            MlpBestSweep.EXPERIMENT,
            MlpBest.EXPERIMENT,
            Backprop.EXPERIMENT,
            NumericalStability.EXPERIMENT,
            Xavier.EXPERIMENT,
            DistributionShift.EXPERIMENT,
            KaggleHouse.EXPERIMENT,
            KaggleHouseMlp.EXPERIMENT);

    public static Optional<Experiment> find(String name) {
        return EXPERIMENTS.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return EXPERIMENTS.stream().map(Experiment::name).toList();
    }

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
        // `run NAME --help` lists NAME's settings; `run --help` and `all --help` list every experiment's
        List<Experiment> named =
                Arrays.stream(args).map(Main::find).flatMap(Optional::stream).toList();
        settingsFooter(cli, "run", named.isEmpty() ? EXPERIMENTS : named);
        settingsFooter(cli, "all", EXPERIMENTS);
        return Launcher.execute(cli, args);
    }

    private static void settingsFooter(CommandLine cli, String subcommand, List<Experiment> experiments) {
        cli.getSubcommands()
                .get(subcommand)
                .getCommandSpec()
                .usageMessage()
                .footer(Launcher.settingsTable(experiments));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments.")
    static final class ListCommand implements Runnable {
        @Override
        public void run() {
            for (Experiment e : EXPERIMENTS) {
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
                chosen.add(find(n).orElseThrow(() -> new Launcher.UsageException(
                        "unknown experiment '" + n + "'; known: " + String.join(", ", names()))));
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
            return Launcher.runAll(EXPERIMENTS, options, false);
        }
    }
}
