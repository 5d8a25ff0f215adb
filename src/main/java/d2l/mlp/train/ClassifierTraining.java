package d2l.mlp.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The book's {@code train_ch3}: per epoch, train on shuffled minibatches while accumulating loss and accuracy, then
 * measure test accuracy in evaluation mode. Sums are kept on the device and read once per epoch, so the host does
 * not wait for the device after every batch.
 */
public final class ClassifierTraining {

    /**
     * Rows per batch when measuring test accuracy after each epoch. Evaluation keeps no graph, so its batches need
     * not be the training's: the 10,000 test images in 4 batches instead of 40 make a tenth of the library calls
     * (each batch is a slice, a forward pass and a correct count), with activations of 2.5 MB per hidden layer. The
     * count of correct predictions is exact either way.
     */
    public static final int EVAL_BATCH_SIZE = 2500;

    private ClassifierTraining() {}

    /**
     * The book's {@code train_ch3} for a network of DJL blocks, start to end: seed, load Fashion-MNIST, train
     * {@code net} with DJL's {@link Trainer} as {@code config} says, and set the final numbers next to the book's.
     *
     * @param net a fresh, uninitialized network taking 28×28 images (made after seeding)
     * @param config the section's loss, optimizer and initializers; the device is set here
     */
    public static Result trainConcise(
            String name,
            String title,
            Supplier<Block> net,
            DefaultTrainingConfig config,
            RunConfig cfg,
            BookNumbers.ClassifierFinals book)
            throws IOException {
        TorchRuntime.seed(cfg.seed());
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device);
                Model model =
                        Model.newInstance(name, device, TorchRuntime.engine().getEngineName())) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            model.setBlock(net.get());
            try (ConciseLearner learner = ConciseLearner.open(model, config.optDevices(new Device[] {device}))) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                List<EpochStats> history = train(name, learner, data, cfg);
                return Result.of(title, history, learner, data.test(), book.loss(), book.trainAcc(), book.testAcc());
            }
        }
    }

    /**
     * The book's {@code train_ch3} for a network of our own tensors, start to end: seed, load Fashion-MNIST, draw the
     * parameters, train them with the section's learner, and set the final numbers next to the book's.
     *
     * @param init the parameters, drawn on the given manager
     * @param learner the section's net, loss and updater on those parameters
     */
    public static Result trainScratch(
            String name,
            String title,
            RunConfig cfg,
            Function<NDManager, List<NDArray>> init,
            Function<List<NDArray>, Learner> learner,
            BookNumbers.ClassifierFinals book)
            throws IOException {
        TorchRuntime.seed(cfg.seed());
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            Learner trained = learner.apply(init.apply(m));
            List<EpochStats> history = train(name, trained, data, cfg);
            return Result.of(title, history, trained, data.test(), book.loss(), book.trainAcc(), book.testAcc());
        }
    }

    /**
     * Trains {@code learner} and returns the history. Prints one line per epoch, and a progress bar over the
     * batches when run in a terminal.
     *
     * @param name shown in the progress bar, the log and error messages
     * @param heldOut what {@code data.test()} is, as the log names its accuracy: {@code "test"}, or
     *     {@code "validation"} where the second split is held out of the training rows
     * @param cfg the epochs, the batch size, and the seed of the training set's shuffling (the learning rate is the
     *     learner's business)
     * @param extra more listeners, e.g. a {@link PhaseTimer}
     * @throws TrainingDivergedException when an epoch's loss is NaN or infinite
     */
    public static List<EpochStats> train(
            String name,
            Learner learner,
            FashionMnist.Data data,
            String heldOut,
            RunConfig cfg,
            EpochLoop.Listener... extra) {
        Random shuffle = new Random(cfg.seed());
        int batchSize = cfg.batchSize();
        int n = data.train().size();
        EpochLoop loop = new EpochLoop(name, cfg.epochs())
                .listen(EpochLoop.progressBar((n + batchSize - 1) / batchSize))
                .listen(EpochLoop.releaseMemory())
                .listen(EpochLoop.log());
        for (EpochLoop.Listener l : extra) {
            loop.listen(l);
        }
        List<EpochStats> history = new ArrayList<>();
        for (EpochLoop.EpochEnd end : loop.run((epoch, batches) -> {
            double loss;
            double trainAcc;
            try (EpochSums sums = new EpochSums(data.train(), batchSize)) {
                data.train().forEachBatch(batchSize, shuffle, (x, y) -> {
                    batches.started();
                    var out = learner.trainBatch(x, y);
                    sums.add(x, y, out.get(0), out.get(1));
                    batches.done();
                });
                loss = sums.meanLoss(n);
                trainAcc = sums.accuracy(n);
            }
            double testAcc = Double.isFinite(loss)
                    ? accuracy(learner, data.test(), Math.max(batchSize, EVAL_BATCH_SIZE))
                    : Double.NaN;
            return EpochLoop.Measured.of(loss, orderedMap("train acc", trainAcc, heldOut + " acc", testAcc));
        })) {
            Map<String, Double> v = end.measured().values();
            history.add(new EpochStats(
                    end.epoch(), end.measured().loss(), v.get("train acc"), v.get(heldOut + " acc"), end.seconds()));
        }
        return history;
    }

    private static Map<String, Double> orderedMap(String k1, double v1, String k2, double v2) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /**
     * An epoch's training sums, loss × rows and correct predictions, kept on the device and read once at the end,
     * so the loop does not wait for the device after every batch.
     */
    public static final class EpochSums implements AutoCloseable {

        private final NDManager manager;
        private final NDArray lossSum;
        private final NDArray correct;
        private final NDArray fullBatch;
        private final int batchSize;

        /** Sums over minibatches of {@code data} of {@code batchSize} rows (the last may be shorter). */
        public EpochSums(InMemoryDataset data, int batchSize) {
            this.batchSize = batchSize;
            manager = data.x().getManager().newSubManager();
            lossSum = manager.zeros(new Shape(), DataType.FLOAT32);
            correct = manager.zeros(new Shape(), DataType.INT64);
            fullBatch = TorchRuntime.scalar(lossSum, batchSize); // no Number operand: see TorchRuntime.scalar
        }

        /** Adds the batch {@code x}, {@code y}: its logits and its mean loss. */
        public void add(NDArray x, NDArray y, NDArray logits, NDArray meanLoss) {
            long rows = x.getShape().get(0);
            lossSum.addi(meanLoss.mul(rows == batchSize ? fullBatch : TorchRuntime.scalar(x, rows)));
            correct.addi(correctCount(logits, y));
        }

        /** The mean loss over {@code n} examples: the sum of loss × rows, divided by n (reads the device). */
        public double meanLoss(int n) {
            return lossSum.getFloat() / n;
        }

        /** The share of correct predictions among {@code n} examples (reads the device). */
        public double accuracy(int n) {
            return correct.getLong() / (double) n;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** {@link #train} measuring {@code data.test()}, the test set. */
    public static List<EpochStats> train(String name, Learner learner, FashionMnist.Data data, RunConfig cfg) {
        return train(name, learner, data, "test", cfg);
    }

    /** Accuracy of {@code learner} on {@code data} in evaluation mode. */
    public static double accuracy(Learner learner, InMemoryDataset data, int batchSize) {
        try (NDManager sums = data.x().getManager().newSubManager()) {
            NDArray correct = sums.zeros(new Shape(), DataType.INT64);
            data.forEachBatch(batchSize, null, (x, y) -> correct.addi(correctCount(learner.predict(x), y)));
            return correct.getLong() / (double) data.size();
        }
    }

    /** Number of rows whose arg-max equals the label, as an int64 scalar. */
    public static NDArray correctCount(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels.toType(DataType.INT64, false)).sum();
    }

    /**
     * The result of a Fashion-MNIST classifier trained with {@link ClassifierTraining}.
     *
     * @param history one entry per epoch
     * @param checks the book's numbers next to ours
     * @param figures the training curves and the prediction grid
     */
    public record Result(List<EpochStats> history, List<BookCheck> checks, List<Figure> figures)
            implements ExperimentResult {

        /**
         * The result of a Fashion-MNIST classifier: its history, the book's final loss, train and test accuracy next to
         * ours, the training curves ({@code training}) and the book's prediction grid ({@code predictions}).
         */
        public static Result of(
                String title,
                List<EpochStats> history,
                Learner learner,
                InMemoryDataset test,
                BookNumbers.Value loss,
                BookNumbers.Value trainAcc,
                BookNumbers.Value testAcc) {
            EpochStats last = history.get(history.size() - 1);
            return new Result(
                    history,
                    List.of(
                            loss.check(last.trainLoss()),
                            trainAcc.check(last.trainAcc()),
                            testAcc.check(last.testAcc())),
                    List.of(
                            trainingFigure(title, history),
                            Figure.of("predictions", Plots.predictions(learner::predict, test, 2, 9))));
        }

        /** The last epoch. */
        public EpochStats last() {
            return history.get(history.size() - 1);
        }

        @Override
        public Metrics metrics() {
            return new Metrics(last().trainLoss(), last().trainAcc(), last().testAcc(), history);
        }

        /** What metrics.json holds: the last epoch's numbers, then every epoch's. */
        public record Metrics(
                double finalTrainLoss, double finalTrainAcc, double finalTestAcc, List<EpochStats> history) {}

        /**
         * The figure {@code training}: the three curves of {@code train_ch3} against the epoch (train loss, train acc and
         * test acc), drawn by {@link Plots}.
         */
        public static Figure trainingFigure(String title, List<EpochStats> history) {
            return Figure.of(
                    "training",
                    Plots.lines(
                            title,
                            "epoch",
                            "",
                            false,
                            column(history, EpochStats::epoch),
                            List.of(
                                    new Plots.Curve("train loss", column(history, EpochStats::trainLoss)),
                                    new Plots.Curve("train acc", column(history, EpochStats::trainAcc)),
                                    new Plots.Curve("test acc", column(history, EpochStats::testAcc)))));
        }

        private static double[] column(List<EpochStats> history, ToDoubleFunction<EpochStats> field) {
            return history.stream().mapToDouble(field).toArray();
        }
    }
}
