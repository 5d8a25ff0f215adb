package d2l.mlp.s406_dropout;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s406_dropout.BestMlpNetwork.Candidate;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochStats;
import d2l.mlp.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link MlpBest} and {@link MlpBestSweep} train a network of {@link BestMlpNetwork}: inputs standardized, Adam
 * with a cosine learning-rate decay, softmax cross-entropy, the chapter's {@link ClassifierTraining} loop.
 */
public final class BestMlpTraining {

    private BestMlpTraining() {}

    /**
     * Softmax cross-entropy and Adam (β 0.9, 0.999, no weight decay) whose learning rate falls from {@code lr} to 0
     * along a cosine over {@code totalSteps} updates.
     */
    public static DefaultTrainingConfig trainingConfig(double lr, int totalSteps, Device device) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(cosine(lr, totalSteps))
                        .build())
                .optDevices(new Device[] {device});
    }

    /** The learning rate after {@code n} updates: lr·(1 + cos(π·n/totalSteps))/2, then 0. */
    static Tracker cosine(double lr, int totalSteps) {
        return Tracker.cosine()
                .setBaseValue((float) lr)
                .optFinalValue(0f)
                .setMaxUpdates(totalSteps)
                .build();
    }

    /** The rate Adam was using after {@code step} of {@code totalSteps} updates, for a divergence message. */
    static String rateAt(double lr, int totalSteps, int step) {
        return String.format(
                "with Adam's learning rate at %.3g after %d of %d steps (cosine decay from %s)",
                cosine(lr, totalSteps).getNewValue(step), step, totalSteps, lr);
    }

    /** Minibatch steps in one epoch over {@code rows} rows; the last, shorter batch counts. */
    public static int stepsPerEpoch(int rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * One mean and one standard deviation over every pixel of the training rows, applied to every split: the
     * inputs then have mean 0 and variance 1, which suits Adam's default step and PyTorch's default init.
     */
    public record Standardization(double mean, double std) {

        /**
         * The statistics of {@code x} (reads the device once). Its temporaries, two of {@code x}'s size, are freed
         * before it returns, not left on {@code x}'s long-lived manager.
         */
        public static Standardization of(NDArray x) {
            try (NDManager scratch = x.getManager().newSubManager()) {
                x.tempAttach(scratch); // what is made from x goes with scratch; x returns to its manager
                NDArray mean = x.mean();
                NDArray std = x.sub(mean).square().mean().sqrt();
                return new Standardization(mean.getFloat(), std.getFloat());
            }
        }

        /** {@code (x − mean) / std}, a new array on {@code x}'s manager; nothing else is left there. */
        public NDArray apply(NDArray x) {
            NDManager owner = x.getManager();
            try (NDManager scratch = owner.newSubManager()) {
                x.tempAttach(scratch);
                NDArray z = x.sub(TorchRuntime.scalar(x, (float) mean)).div(TorchRuntime.scalar(x, (float) std));
                z.attach(owner);
                return z;
            }
        }

        /** Both splits standardized with these statistics; the labels are shared. */
        public FashionMnist.Data apply(FashionMnist.Data data) {
            return new FashionMnist.Data(
                    new InMemoryDataset(apply(data.train().x()), data.train().y()),
                    new InMemoryDataset(apply(data.test().x()), data.test().y()));
        }
    }

    /**
     * One training run and how long it took.
     *
     * @param history per epoch; its "test acc" is accuracy on the second split of the data trained on
     * @param seconds wall time of all epochs (training and the per-epoch evaluation)
     */
    public record Trained(List<EpochStats> history, double seconds) {

        public double finalAcc() {
            return history.get(history.size() - 1).testAcc();
        }

        /** The accuracy on the second split after each epoch. */
        public List<Double> accPerEpoch() {
            List<Double> acc = new ArrayList<>();
            history.forEach(e -> acc.add(e.testAcc()));
            return acc;
        }
    }

    /**
     * Trains a fresh network {@link BestMlpNetwork#net} of {@code c} on {@code data.train()} with the epochs, learning rate, batch size and seed
     * of {@code cfg}, measuring accuracy on {@code data.test()} after every epoch.
     *
     * @param data standardized inputs, on {@code device}
     * @param heldOut what {@code data.test()} is, for the log: {@code "test"} or {@code "validation"}
     */
    public static Trained train(
            String name, Candidate c, FashionMnist.Data data, String heldOut, RunConfig cfg, Device device) {
        TorchRuntime.seed(cfg.seed());
        int totalSteps = cfg.epochs() * stepsPerEpoch(data.train().size(), cfg.batchSize());
        try (Model model = Model.newInstance(name, device, TorchRuntime.engine().getEngineName())) {
            SequentialBlock net = BestMlpNetwork.net(c);
            model.setBlock(net);
            try (ConciseLearner learner = ConciseLearner.open(model, trainingConfig(cfg.lr(), totalSteps, device))) {
                BestMlpNetwork.torchInit(net, c);
                learner.trainer().initialize(new Shape(1, 28, 28));
                List<EpochStats> history;
                try {
                    history = ClassifierTraining.train(name, learner, data, heldOut, cfg);
                } catch (TrainingDivergedException e) {
                    throw e.atRate(rateAt(cfg.lr(), totalSteps, e.epoch() * totalSteps / cfg.epochs()));
                }
                return new Trained(
                        history,
                        history.stream().mapToDouble(EpochStats::seconds).sum());
            }
        }
    }
}
