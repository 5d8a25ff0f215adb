package d2l.mlp.s405_weight_decay;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Inline;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.train.EpochLoop;
import d2l.mlp.train.LossCurve;
import d2l.mlp.train.MeanBatchLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * What section 4.5's experiments share: the book's setting, the record of one training run, and the result (curves
 * per run, or ‖w‖ and losses against λ for the sweep).
 */
public final class WeightDecay {

    /** Train and test loss are logged every {@value} epochs, as in the book, and after the last epoch. */
    public static final int LOG_EVERY = 5;

    private WeightDecay() {}

    /** The book's setting: 100 epochs, lr 0.003, batch 5. */
    public static RunConfig defaults() {
        return RunConfig.of(100, 0.003, 5);
    }

    /**
     * One training run.
     *
     * @param lambda the weight-decay strength λ
     * @param norm ‖w‖₂ after training
     * @param loss train and test loss every {@value #LOG_EVERY} epochs and after the last
     */
    public record Run(double lambda, double norm, LossCurve loss) {}

    /**
     * Runs of one experiment.
     *
     * @param title plot title prefix
     * @param loss which loss the curves show
     * @param runs one per λ
     * @param checks the book's ‖w‖ next to ours
     * @param sweep plot ‖w‖ and losses against λ instead of curves per run
     */
    public record Result(String title, String loss, List<Run> runs, List<BookCheck> checks, boolean sweep)
            implements ExperimentResult {

        public Run run(double lambda) {
            return runs.stream().filter(r -> r.lambda() == lambda).findFirst().orElseThrow();
        }

        @Override
        public Metrics metrics() {
            Map<String, RunMetrics> byLambda = new LinkedHashMap<>();
            runs.forEach(r -> byLambda.put(
                    "lambda=" + r.lambda(), new RunMetrics(r.norm(), r.loss().metrics())));
            return new Metrics(loss, byLambda);
        }

        @Override
        public List<Figure> figures() {
            if (sweep) {
                double[] lambdas = perRun(Run::lambda);
                XYChart norm = Plots.lines(
                        title + ": ||w|| against lambda",
                        "lambda",
                        "||w||",
                        true,
                        lambdas,
                        List.of(new Plots.Curve("||w||", perRun(Run::norm))));
                XYChart loss = Plots.lines(
                        title + ": final loss against lambda",
                        "lambda",
                        "loss",
                        true,
                        lambdas,
                        List.of(
                                new Plots.Curve("train", perRun(r -> r.loss().finalTrain())),
                                new Plots.Curve("test", perRun(r -> r.loss().finalTest()))));
                return List.of(Figure.of("norm-vs-lambda", norm), Figure.of("loss-vs-lambda", loss));
            }
            List<Figure> figs = new ArrayList<>();
            for (Run r : runs) {
                XYChart chart = Plots.lines(
                        String.format("%s, lambda = %s: ||w|| = %.4g", title, fmt(r.lambda()), r.norm()),
                        "epoch",
                        "loss",
                        true,
                        Arrays.stream(r.loss().epochs()).asDoubleStream().toArray(),
                        List.of(
                                new Plots.Curve("train", r.loss().train()),
                                new Plots.Curve("test", r.loss().test())));
                figs.add(Figure.of("lambda-" + fmt(r.lambda()), chart));
            }
            return figs;
        }

        private double[] perRun(ToDoubleFunction<Run> value) {
            return runs.stream().mapToDouble(value).toArray();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /**
     * What metrics.json holds.
     *
     * @param loss which loss the curves show
     * @param runs by λ, e.g. {@code lambda=3.0}
     */
    public record Metrics(String loss, @Inline Map<String, RunMetrics> runs) {}

    /** One run in metrics.json. */
    public record RunMetrics(double normW, @Inline LossCurve.Metrics loss) {}

    /** One minibatch step of a weight-decay model; returns the minibatch's loss. */
    @FunctionalInterface
    interface Step {
        NDArray apply(NDArray x, NDArray y);
    }

    /**
     * The section's linear model as {@link #fit} trains it.
     *
     * @param lambda the weight-decay strength λ it trains with, as the run records it
     * @param step one minibatch step
     * @param net the prediction ŷ of a batch
     * @param lossWeight the logged loss is {@code lossWeight·(ŷ − y)²}: ½ for the scratch loss, 1 for
     *     {@code nn.MSELoss}
     * @param norm ‖w‖, read after training
     */
    record LinearModel(double lambda, Step step, UnaryOperator<NDArray> net, float lossWeight, DoubleSupplier norm) {}

    /**
     * Trains {@code model} for {@code cfg.epochs()} epochs: its step on every minibatch (order drawn from
     * {@code rng}), train and test loss logged on the device.
     *
     * @param name the run, e.g. {@code weight-decay-scratch, lambda 3}, as errors name it
     */
    static Run fit(String name, NDManager m, HighDimData data, RunConfig cfg, Random rng, LinearModel model) {
        try (MeanBatchLoss lossMean = new MeanBatchLoss(m);
                Log log = new Log(m, cfg.epochs())) {
            new EpochLoop(name, cfg.epochs()).run((epoch, b) -> {
                data.train().forEachBatch(cfg.batchSize(), rng, (x, y) -> {
                    b.started();
                    lossMean.add(model.step().apply(x, y));
                    b.done();
                });
                double loss = lossMean.takeMean();
                log.after(epoch, model.net(), data, model.lossWeight());
                return EpochLoop.Measured.loss(loss);
            });
            return log.toRun(model.lambda(), model.norm().getAsDouble());
        }
    }

    /** An on-device table of the losses logged every {@link #LOG_EVERY} epochs and at the end, read once. */
    static final class Log implements AutoCloseable {

        private final NDManager manager;
        private final NDArray values;
        private final int[] epochs;

        Log(NDManager parent, int totalEpochs) {
            epochs = java.util.stream.IntStream.rangeClosed(1, totalEpochs)
                    .filter(e -> e % LOG_EVERY == 0 || e == totalEpochs)
                    .toArray();
            manager = parent.newSubManager();
            values = manager.zeros(new Shape(2, epochs.length));
        }

        /**
         * After epoch {@code epoch}: when it is a logged one, stores the mean loss {@code lossWeight·(ŷ − y)²}
         * of {@code net} on the training and on the test set.
         */
        void after(int epoch, UnaryOperator<NDArray> net, HighDimData data, float lossWeight) {
            int point = java.util.Arrays.binarySearch(epochs, epoch);
            if (point < 0) {
                return;
            }
            List<InMemoryDataset> sets = List.of(data.train(), data.test());
            for (int s = 0; s < 2; s++) {
                int row = s;
                InMemoryDataset t = sets.get(s);
                t.forEachBatch(
                        t.size(),
                        null,
                        (x, y) -> values.set(
                                new NDIndex(row, point),
                                net.apply(x).reshape(-1).sub(y).square().mean().mul(lossWeight)));
            }
        }

        Run toRun(double lambda, double norm) {
            float[] v = values.toFloatArray();
            double[] train = new double[epochs.length];
            double[] test = new double[epochs.length];
            for (int i = 0; i < epochs.length; i++) {
                train[i] = v[i];
                test[i] = v[epochs.length + i];
            }
            return new Run(lambda, norm, new LossCurve(epochs, train, test));
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
