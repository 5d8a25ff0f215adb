package d2l.mlp.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.optim.SquaredLoss;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.stats.Statistics;
import d2l.mlp.train.BatchedLinearModels;
import d2l.mlp.train.ConciseLearner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Per-step cost of the chapter's small-batch training, where overhead rather than arithmetic is the cost: the
 * polynomial fits (4 features, 100 examples, batch 10, SGD 0.01, squared loss) and the house-price linear model (331
 * features, 1168 examples = one k-fold training split, batch 64, Adam lr 5). Measured on random data of those shapes,
 * one libtorch thread (the house experiment's setting), median over blocks of epochs, microseconds per minibatch
 * step including the batch gather. {@code scripts/bench_pytorch.py --small} measures the book's PyTorch code the same
 * way.
 *
 * <p>Usage: {@code java -cp target/d2l-mlp.jar d2l.mlp.bench.SmallBatch [json-out]}.
 */
public final class SmallBatch {

    private static final int BLOCKS = 7;

    private SmallBatch() {}

    /** Microseconds per minibatch step. */
    record Micros(
            double polyTrainerMicros,
            double polyBatchedMicros,
            double polyBatched95ModelsMicros,
            double houseTrainerMicros) {}

    public static void main(String[] args) throws IOException {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        Micros out;
        Device cpu = Device.cpu();
        try (NDManager m = TorchRuntime.newManager(cpu);
                TorchRuntime.ThreadScope one = TorchRuntime.singleThreaded(cpu)) {
            Random rng = new Random(1);
            InMemoryDataset poly =
                    new InMemoryDataset(m.randomNormal(new Shape(100, 4)), m.randomNormal(new Shape(100, 1)));
            InMemoryDataset house =
                    new InMemoryDataset(m.randomNormal(new Shape(1168, 331)), m.randomNormal(new Shape(1168, 1)));
            Optimizer adam =
                    Optimizer.adam().optLearningRateTracker(Tracker.fixed(5f)).build();
            out = new Micros( // in this order: the steps draw their minibatches from one rng
                    trainerStep(
                            poly,
                            false,
                            10,
                            Optimizer.sgd()
                                    .setLearningRateTracker(Tracker.fixed(0.01f))
                                    .build(),
                            rng,
                            40),
                    batchedStep(m, 1, 1, rng),
                    batchedStep(m, 5, 19, rng),
                    trainerStep(house, true, 64, adam, rng, 4));
        }
        Benchmark.report(out, args.length > 0 ? Path.of(args[0]) : null);
    }

    /** A {@code Linear(1)} on a DJL {@link Trainer}: µs per step over {@code epochs}-epoch blocks. */
    private static double trainerStep(
            InMemoryDataset data, boolean bias, int batch, Optimizer optimizer, Random rng, int epochs) {
        Device device = data.x().getDevice();
        try (Model model =
                Model.newInstance("small", device, TorchRuntime.engine().getEngineName())) {
            model.setBlock(Linear.builder().setUnits(1).optBias(bias).build());
            DefaultTrainingConfig config = new DefaultTrainingConfig(SquaredLoss.mse())
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {device});
            try (ConciseLearner learner = ConciseLearner.open(model, config)) { // as the experiments
                learner.trainer().initialize(new Shape(1, data.x().getShape().get(1)));
                int steps = (data.size() + batch - 1) / batch * epochs;
                return median(
                        () -> {
                            for (int e = 0; e < epochs; e++) {
                                data.forEachBatch(batch, rng, learner::trainBatch);
                            }
                        },
                        steps);
            }
        }
    }

    /**
     * The polynomial experiments' own trainer, {@link BatchedLinearModels}: {@code groups × models} bias-free linear
     * models on 100 examples of 20 features, one step for all of them; µs per step.
     */
    private static double batchedStep(NDManager m, int groups, int models, Random rng) {
        try (NDManager s = m.newSubManager()) {
            int features = 20;
            int[] used = new int[models];
            for (int d = 0; d < models; d++) {
                used[d] = d + 2;
            }
            InMemoryDataset train = new InMemoryDataset(
                    s.randomNormal(new Shape(groups, 100, features)).mul(0.1f), s.randomNormal(new Shape(groups, 100)));
            BatchedLinearModels.Models all = BatchedLinearModels.Models.init(s, groups, used, features, rng);
            BatchedLinearModels.Sgd sgd = new BatchedLinearModels.Sgd(40, 10, 0.01f, rng);
            return median(
                    () -> BatchedLinearModels.train(
                            "bench", (g, j) -> "", train, all, sgd, BatchedLinearModels.Logging.none()),
                    sgd.epochs() * 10);
        }
    }

    /** Median over {@link #BLOCKS} runs (after one warm-up) of {@code block}'s time per step, in µs. */
    private static double median(Runnable block, int steps) {
        block.run();
        double[] micros = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long t = System.nanoTime();
            block.run();
            micros[b] = (System.nanoTime() - t) / 1e3 / steps;
        }
        return Statistics.median(micros);
    }
}
