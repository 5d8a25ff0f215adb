package d2l.mlp.s410_kaggle_house;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.data.KFold;
import d2l.mlp.optim.SquaredLoss;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochLoop;
import d2l.mlp.train.MeanBatchLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The book's {@code train}, {@code log_rmse} and {@code k_fold} for house prices, for any network: Adam on the mean
 * squared error, and after every epoch the log-rmse of the whole training and validation sets.
 */
public final class HouseTraining {

    private HouseTraining() {}

    /**
     * What is trained.
     *
     * @param net a fresh, uninitialized network mapping {@code d} features to one output
     * @param weightDecay Adam's weight decay (L2 on every parameter, as torch's {@code weight_decay})
     * @param logTarget train on standardized {@code log(price)} (training set's mean/std) instead of the raw price
     */
    public record Recipe(Supplier<Block> net, float weightDecay, boolean logTarget) {}

    /**
     * One network trained: its log-rmse per epoch and its predictions.
     *
     * @param trainLs training log-rmse after each epoch
     * @param validLs validation log-rmse after each epoch (empty without a validation set)
     * @param testPreds predicted prices of the test rows (empty without test rows)
     */
    public record Trained(double[] trainLs, double[] validLs, float[] testPreds) {

        public double lastTrain() {
            return trainLs[trainLs.length - 1];
        }

        public double lastValid() {
            return validLs[validLs.length - 1];
        }
    }

    /**
     * The book's log-rmse: {@code sqrt(mean((log(max(ŷ, 1)) − log y)²))}, read from the device once.
     *
     * @param prices predicted prices, {@code n × 1}
     * @param labels true prices, {@code n × 1}
     */
    public static double logRmse(NDArray prices, NDArray labels) {
        try (NDManager m = labels.getManager().newSubManager()) {
            NDArray p = prices.duplicate();
            p.attach(m);
            NDArray y = labels.duplicate();
            y.attach(m);
            return Math.sqrt(p.clip(1f, Float.POSITIVE_INFINITY)
                    .log()
                    .sub(y.log())
                    .square()
                    .mean()
                    .getFloat());
        }
    }

    /** k-fold cross-validation on contiguous folds; one {@link Trained} per fold. */
    public static List<Trained> kFold(String name, Recipe recipe, RunConfig cfg, InMemoryDataset data, int k) {
        TorchRuntime.seed(cfg.seed());
        Random shuffle = new Random(cfg.seed());
        List<Trained> folds = new ArrayList<>();
        try (NDManager m = data.x().getManager().newSubManager()) {
            for (int i = 0; i < k; i++) {
                try (NDManager foldManager = m.newSubManager()) {
                    KFold.Fold fold = KFold.fold(foldManager, data, k, i);
                    folds.add(fit(name + ", fold " + (i + 1), recipe, cfg, fold.train(), fold.valid(), null, shuffle));
                }
            }
        }
        return folds;
    }

    /** The mean squared error and Adam at {@code lr} with the recipe's weight decay. */
    public static DefaultTrainingConfig trainingConfig(Recipe recipe, double lr) {
        return new DefaultTrainingConfig(SquaredLoss.mse())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed((float) lr))
                        .optWeightDecays(recipe.weightDecay())
                        .build());
    }

    /**
     * Trains a fresh network from {@code recipe} on {@code train} for {@code cfg.epochs()} epochs with Adam at
     * {@code cfg.lr()} and batch {@code cfg.batchSize()}, minibatches reshuffled every epoch from {@code shuffle}.
     *
     * @param valid validation set, or {@code null}
     * @param test test features to predict after training, or {@code null}
     */
    public static Trained fit(
            String name,
            Recipe recipe,
            RunConfig cfg,
            InMemoryDataset train,
            InMemoryDataset valid,
            NDArray test,
            Random shuffle) {
        Device device = train.x().getDevice();
        try (NDManager m = train.x().getManager().newSubManager();
                Model model =
                        Model.newInstance("house", device, TorchRuntime.engine().getEngineName())) {
            // the target the network learns: the price, or its standardized log
            NDArray logY = train.y().log();
            logY.attach(m);
            float mu = recipe.logTarget() ? logY.mean().getFloat() : 0f;
            float sigma = recipe.logTarget()
                    ? (float) Math.sqrt(logY.sub(mu).square().mean().getFloat())
                    : 1f;
            NDArray target = recipe.logTarget() ? logY.sub(mu).div(sigma) : train.y();
            InMemoryDataset fitData = new InMemoryDataset(train.x(), target);

            model.setBlock(recipe.net().get());
            DefaultTrainingConfig config = trainingConfig(recipe, cfg.lr()).optDevices(new Device[] {device});
            try (ConciseLearner learner = ConciseLearner.open(model, config);
                    MeanBatchLoss lossMean = new MeanBatchLoss(m)) {
                learner.trainer().initialize(new Shape(1, train.x().getShape().get(1)));
                double[] trainLs = new double[cfg.epochs()];
                double[] validLs = new double[valid != null ? cfg.epochs() : 0];
                new EpochLoop(name, cfg.epochs()).run((epoch, b) -> {
                    fitData.forEachBatch(cfg.batchSize(), shuffle, (x, y) -> {
                        b.started();
                        lossMean.add(learner.trainBatch(x, y).get(1));
                        b.done();
                    });
                    double loss = lossMean.takeMean();
                    if (!Double.isFinite(loss)) {
                        return EpochLoop.Measured.loss(loss);
                    }
                    trainLs[epoch - 1] = evaluate(learner, train, recipe.logTarget(), mu, sigma);
                    if (!Double.isFinite(trainLs[epoch - 1])) { // the loss is finite, the prices it implies are not
                        return new EpochLoop.Measured(trainLs[epoch - 1], Map.of(), "log rmse of the predicted prices");
                    }
                    if (valid != null) {
                        validLs[epoch - 1] = evaluate(learner, valid, recipe.logTarget(), mu, sigma);
                    }
                    return EpochLoop.Measured.loss(loss);
                });
                float[] testPreds = new float[0];
                if (test != null) {
                    try (NDManager t = test.getManager().newSubManager()) {
                        NDArray x = test.duplicate();
                        x.attach(t);
                        testPreds = prices(learner, x, recipe.logTarget(), mu, sigma)
                                .toFloatArray();
                    }
                }
                return new Trained(trainLs, validLs, testPreds);
            }
        }
    }

    private static double evaluate(
            ConciseLearner learner, InMemoryDataset data, boolean logTarget, float mu, float sigma) {
        try (NDManager m = data.x().getManager().newSubManager()) {
            NDArray x = data.x().duplicate();
            x.attach(m);
            return logRmse(prices(learner, x, logTarget, mu, sigma), data.y());
        }
    }

    /** Predicted prices; the arrays land on {@code x}'s manager. */
    private static NDArray prices(ConciseLearner learner, NDArray x, boolean logTarget, float mu, float sigma) {
        NDArray out = learner.predict(x);
        return logTarget ? out.mul(sigma).add(mu).exp() : out;
    }
}
