package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Bias-free linear models {@code ŷ = x·w} trained side by side with minibatch SGD on the mean squared error
 * <em>without</em> the ½ (the book's {@code nn.MSELoss}, {@code SquaredLoss.mse()}).
 *
 * <p>There are {@code G} groups of models, each group with its own training set of {@code n} rows (e.g. one per
 * k-fold split), and {@code D} models per group that differ in which of the {@code F} features they use (e.g. the
 * polynomial degree). Every model gets exactly the update the book's {@code nn.Linear(F_d, 1, bias=False)} with
 * {@code torch.optim.SGD} would get: {@code w ← w − lr · (2/b)·x_bᵀ(x_b·w − y_b)} on its group's minibatch
 * {@code b}, with the features it does not use held at 0; {@code BatchedLinearModelsTest} checks this against DJL's
 * {@code Linear} + {@code Trainer}. Training them as one batched tensor program costs five small ops per step for
 * all G·D models together, instead of a DJL {@code Trainer} step per model: the polynomial experiments do tens of
 * thousands of steps with batch 10, where per-step overhead, not arithmetic, is the cost. The host reads one
 * number per epoch, the worst model's training loss, for the divergence check.
 */
public final class BatchedLinearModels {

    /**
     * Losses logged during training.
     *
     * @param epochs the logged epochs (1-based)
     * @param loss {@code loss[point][set][g·D + d]}: the mean squared error of model (g, d) on evaluation set
     *     {@code set} after epoch {@code epochs[point]}
     */
    public record Trace(int[] epochs, float[][][] loss) {}

    /**
     * The models: their weights, trained in place, and which features each uses.
     *
     * @param weights (G, F, D), e.g. from {@link #initWeights}
     * @param mask (F, D) from {@link #mask}
     */
    public record Models(NDArray weights, NDArray mask) {

        /** G groups of models d = 0 … D−1 on the first {@code featuresUsed[d]} of {@code features} features. */
        public static Models init(NDManager m, int groups, int[] featuresUsed, int features, Random rng) {
            return new Models(
                    initWeights(m, groups, featuresUsed, features, rng),
                    BatchedLinearModels.mask(m, featuresUsed, features));
        }
    }

    /**
     * Minibatch SGD's settings.
     *
     * @param shuffle draws each group's minibatch order every epoch
     */
    public record Sgd(int epochs, int batchSize, float lr, Random shuffle) {

        /** The epochs, batch size and learning rate of {@code cfg}. */
        public static Sgd of(RunConfig cfg, Random shuffle) {
            return new Sgd(cfg.epochs(), cfg.batchSize(), (float) cfg.lr(), shuffle);
        }
    }

    /**
     * What is logged during training.
     *
     * @param epochs the epochs after which every set is evaluated
     * @param sets features (G, m, F) and labels (G, m) to log the loss on
     */
    public record Logging(int[] epochs, List<InMemoryDataset> sets) {

        /** Nothing logged. */
        public static Logging none() {
            return new Logging(new int[0], List.of());
        }
    }

    private BatchedLinearModels() {}

    /** The book's logging schedule: epoch 1 and every {@code every}-th epoch. */
    public static int[] firstAndEvery(int epochs, int every) {
        return java.util.stream.IntStream.rangeClosed(1, epochs)
                .filter(e -> e == 1 || e % every == 0)
                .toArray();
    }

    /**
     * Initial weights (G, F, D): PyTorch's default for {@code nn.Linear(F_d, 1)}, U(−1/√F_d, 1/√F_d), on the
     * features model d uses, 0 elsewhere.
     */
    public static NDArray initWeights(NDManager m, int groups, int[] featuresUsed, int features, Random rng) {
        int d = featuresUsed.length;
        float[] w = new float[groups * features * d];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < d; j++) {
                double bound = 1 / Math.sqrt(featuresUsed[j]);
                for (int f = 0; f < featuresUsed[j]; f++) {
                    w[(g * features + f) * d + j] = (float) ((2 * rng.nextDouble() - 1) * bound);
                }
            }
        }
        return m.create(w, new Shape(groups, features, d));
    }

    /** The (F, D) mask: 1 where model d uses feature f (its first {@code featuresUsed[d]} features). */
    public static NDArray mask(NDManager m, int[] featuresUsed, int features) {
        float[] mask = new float[features * featuresUsed.length];
        for (int j = 0; j < featuresUsed.length; j++) {
            for (int f = 0; f < featuresUsed[j]; f++) {
                mask[f * featuresUsed.length + j] = 1f;
            }
        }
        return m.create(mask, new Shape(features, featuresUsed.length));
    }

    /**
     * The largest training loss over all models (one read from the device), or the first model's that is not a
     * finite number, with that model named.
     */
    private static EpochLoop.Measured worstTrainingLoss(
            NDManager root, InMemoryDataset train, NDArray w, int models, BiFunction<Integer, Integer, String> label) {
        try (NDManager em = root.newSubManager()) {
            NDArray loss = mse(em, train.x(), train.y(), w);
            float worst = loss.max().getFloat();
            if (Float.isFinite(worst)) {
                return EpochLoop.Measured.loss(worst);
            }
            float[] all = loss.toFloatArray();
            int i = 0;
            while (Float.isFinite(all[i])) {
                i++;
            }
            return new EpochLoop.Measured(all[i], java.util.Map.of(), label.apply(i / models, i % models));
        }
    }

    /** Mean squared error (G, D) of every model on {@code x} (G, m, F), {@code y} (G, m); belongs to {@code scope}. */
    public static NDArray mse(NDManager scope, NDArray x, NDArray y, NDArray w) {
        NDArray pred = x.matMul(w);
        NDArray target = y.expandDims(2);
        pred.attach(scope); // both were made on the data's manager, which outlives this call
        target.attach(scope);
        return pred.sub(target).square().mean(new int[] {1});
    }

    /**
     * Trains {@code models} in place. After every epoch the training loss of every model is checked: the first that
     * is not a finite number stops training with a {@link TrainingDivergedException} naming that model.
     *
     * @param name the run, as errors name it
     * @param label names model d of group g in an error, e.g. {@code degree 5, fold 2}
     * @param train features (G, n, F) and labels (G, n)
     */
    public static Trace train(
            String name,
            BiFunction<Integer, Integer, String> label,
            InMemoryDataset train,
            Models models,
            Sgd sgd,
            Logging logging) {
        NDArray w = models.weights();
        NDArray mask = models.mask();
        int batchSize = sgd.batchSize();
        float lr = sgd.lr();
        int[] logEpochs = logging.epochs();
        List<InMemoryDataset> evals = logging.sets();
        long[] shape = train.x().getShape().getShape();
        int groups = (int) shape[0];
        int n = (int) shape[1];
        int features = (int) shape[2];
        int perGroup = (int) w.getShape().get(2);
        long[] cuts = new long[(n - 1) / batchSize];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (long) (i + 1) * batchSize;
        }
        NDManager root = w.getManager();
        try (NDManager logs = root.newSubManager()) {
            NDArray log = logs.zeros(new Shape(logEpochs.length, evals.size(), groups, perGroup));
            // the step 2·lr/b of a full batch and of the last one, as device tensors (see TorchRuntime.scalar)
            NDArray fullStep = TorchRuntime.scalar(log, 2f * lr / batchSize);
            NDArray lastStep = TorchRuntime.scalar(log, 2f * lr / (n - (long) cuts.length * batchSize));
            // the data as one (G·n) list of rows to shuffle from: views, made once and closed with logs
            NDArray xRows = train.x().reshape((long) groups * n, features);
            NDArray yRows = train.y().reshape((long) groups * n);
            xRows.attach(logs);
            yRows.attach(logs);
            int[] point = {0};
            new EpochLoop(name, sgd.epochs()).run((epoch, batches) -> {
                try (NDManager em = root.newSubManager()) {
                    long[] order = new long[groups * n];
                    for (int g = 0; g < groups; g++) {
                        long[] p = InMemoryDataset.permutation(n, sgd.shuffle());
                        for (int i = 0; i < n; i++) {
                            order[g * n + i] = g * n + p[i];
                        }
                    }
                    NDIndex pick = new NDIndex("{}", em.create(order));
                    NDArray xe = xRows.get(em, pick).reshape(groups, n, features);
                    NDArray ye = yRows.get(em, pick).reshape(groups, n, 1);
                    NDList xs = cuts.length == 0 ? new NDList(xe) : xe.split(cuts, 1);
                    NDList xts = cuts.length == 0
                            ? new NDList(xe.transpose(0, 2, 1))
                            : xe.transpose(0, 2, 1).split(cuts, 2);
                    NDList ys = cuts.length == 0 ? new NDList(ye) : ye.split(cuts, 1);
                    for (int b = 0; b < xs.size(); b++) {
                        batches.started();
                        NDArray xb = xs.get(b);
                        NDArray step = b < cuts.length ? fullStep : lastStep;
                        NDArray residual = xb.matMul(w).subi(ys.get(b));
                        w.subi(xts.get(b).matMul(residual).muli(mask).muli(step));
                        batches.done();
                    }
                }
                if (point[0] < logEpochs.length && logEpochs[point[0]] == epoch) {
                    for (int s = 0; s < evals.size(); s++) {
                        try (NDManager em = root.newSubManager()) {
                            log.set(
                                    new NDIndex(point[0]).addIndices(s),
                                    mse(em, evals.get(s).x(), evals.get(s).y(), w));
                        }
                    }
                    point[0]++;
                }
                return worstTrainingLoss(root, train, w, perGroup, label);
            });
            float[] flat = log.toFloatArray();
            float[][][] loss = new float[logEpochs.length][evals.size()][groups * perGroup];
            for (int p = 0; p < logEpochs.length; p++) {
                for (int s = 0; s < evals.size(); s++) {
                    System.arraycopy(
                            flat, (p * evals.size() + s) * groups * perGroup, loss[p][s], 0, groups * perGroup);
                }
            }
            return new Trace(logEpochs, loss);
        }
    }
}
