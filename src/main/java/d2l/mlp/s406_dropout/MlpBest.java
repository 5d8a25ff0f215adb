package d2l.mlp.s406_dropout;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Inline;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s406_dropout.BestMlpNetwork.Candidate;
import d2l.mlp.s406_dropout.BestMlpTraining.Standardization;
import d2l.mlp.s406_dropout.BestMlpTraining.Trained;
import d2l.mlp.stats.Statistics;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.EpochStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Beyond the book: how far the chapter's tools take an MLP on Fashion-MNIST. Linear layers, ReLU and dropout as in
 * §4.6, PyTorch's default initialization, inputs standardized with the training set's mean and standard deviation,
 * Adam with a cosine learning-rate decay, 20 epochs. The widths and the dropout rate are {@link MlpBestSweep}'s
 * choice on a validation split; this experiment trains that choice on all 60,000 training images for three seeds
 * and reports the test accuracy of each and their median.
 */
public final class MlpBest {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "mlp-best",
            "4.6+",
            "MLP 784-512-256-10, dropout 0.2, Adam with cosine decay, 20 epochs: test accuracy of 3 seeds",
            MlpBest::defaults,
            MlpBest::run);

    /**
     * What {@link MlpBestSweep} chose by validation accuracy (train rows 0–49,999, validation rows 50,000–59,999;
     * see results/mlp-best-sweep). Written here rather than read from the sweep's output so that this experiment
     * stands alone; MlpBestChoiceTest fails when the recorded sweep chose something else.
     */
    public static final Candidate CHOSEN = new Candidate(List.of(512, 256), 0.2);

    /** How many seeds are trained: {@code --seed} and the next ones. */
    public static final int SEEDS = 3;

    private MlpBest() {}

    /** 20 epochs, Adam's usual lr 0.001 (the cosine's start), batch 256. */
    public static RunConfig defaults() {
        return RunConfig.of(20, 1e-3, 256);
    }

    /**
     * The result.
     *
     * @param runs one per seed, {@code seeds.get(i)} trained {@code runs.get(i)}
     * @param standardization statistics of the 60,000 training images
     */
    public record Result(List<Long> seeds, List<Trained> runs, Standardization standardization)
            implements ExperimentResult {

        /** The median of the seeds' final test accuracies. */
        public double medianTestAcc() {
            return Statistics.median(runs.stream().map(Trained::finalAcc).toList());
        }

        @Override
        public Metrics metrics() {
            List<SeedRun> perSeed = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                perSeed.add(new SeedRun(
                        seeds.get(i), runs.get(i).finalAcc(), runs.get(i).seconds()));
            }
            return new Metrics(
                    medianTestAcc(),
                    perSeed,
                    new Network(
                            CHOSEN,
                            "PyTorch nn.Linear default: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))",
                            "pixels/255 standardized with one mean and std of the training images",
                            "Adam, betas 0.9/0.999, no weight decay, lr cosine from the config's lr to 0"
                                    + " over all steps",
                            "softmax cross-entropy"),
                    standardization,
                    new Validation(MlpBestSweep.PROTOCOL, MlpBestSweep.EXPERIMENT.name()),
                    runs.get(0).history());
        }

        @Override
        public List<BookCheck> checks() {
            return List.of(BookNumbers.BEST_MLP_TEST_ACC.check(medianTestAcc()));
        }

        @Override
        public List<Figure> figures() {
            return List.of(ClassifierTraining.Result.trainingFigure(
                    "mlp-best, seed " + seeds.get(0), runs.get(0).history()));
        }
    }

    /**
     * What metrics.json holds.
     *
     * @param seeds each seed's final test accuracy and training time
     * @param history the first seed's epochs
     */
    public record Metrics(
            double medianTestAcc,
            List<SeedRun> seeds,
            Network model,
            Standardization standardization,
            Validation validation,
            List<EpochStats> history) {}

    /** One seed's run in metrics.json. */
    public record SeedRun(long seed, double testAcc, double seconds) {}

    /** The network and its training, as metrics.json describes them. */
    public record Network(@Inline Candidate candidate, String init, String input, String optimizer, String loss) {}

    /** How {@link #CHOSEN} was chosen: the sweep's protocol, and the sweep. */
    public record Validation(@Inline MlpBestSweep.Protocol protocol, String chosenBy) {}

    /** Trains {@link #CHOSEN} for {@code seeds} seeds from {@code cfg.seed()} on, testing after every epoch. */
    public static Result run(RunConfig cfg, int seeds) throws IOException {
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device)) {
            FashionMnist.Data raw = FashionMnist.load(m, cfg.dataDir());
            Standardization stats = Standardization.of(raw.train().x());
            FashionMnist.Data data = stats.apply(raw);
            raw.train().x().close(); // the standardized copies are all that is needed now
            raw.test().x().close();
            List<Long> seedList = new ArrayList<>();
            List<Trained> runs = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                RunConfig seeded = cfg.withSeed(cfg.seed() + i);
                seedList.add(seeded.seed());
                runs.add(BestMlpTraining.train("mlp-best seed " + seeded.seed(), CHOSEN, data, "test", seeded, device));
            }
            return new Result(seedList, runs, stats);
        }
    }

    public static Result run(RunConfig cfg) throws IOException {
        return run(cfg, SEEDS);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
