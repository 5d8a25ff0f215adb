package d2l.mlp.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.fast.FastStep;
import d2l.mlp.train.PhaseTimer.Phase;
import java.util.function.BinaryOperator;

/**
 * A DJL {@link Trainer} (model, loss and optimizer from its training config) seen as a {@link Learner}; it owns the
 * trainer. A step is DJL's: forward, the config's loss, backward, {@code trainer.step()}; {@link #open} takes the
 * backward pass and the update through {@link FastStep}, the same numbers in fewer library calls, and
 * {@link #openWithDjlStep} keeps DJL's own calls (the reference the tests compare with).
 */
public final class ConciseLearner implements Learner, AutoCloseable {

    private final Trainer trainer;
    private final FastStep fast; // null: DJL's own backward and step
    private final PhaseTimer phases;

    private ConciseLearner(Trainer trainer, FastStep fast, PhaseTimer phases) {
        this.trainer = trainer;
        this.fast = fast;
        this.phases = phases;
    }

    /** A learner training {@code model}'s block as {@code config} says; initialize it through {@link #trainer()}. */
    public static ConciseLearner open(Model model, TrainingConfig config) {
        return open(model, config, null);
    }

    /**
     * {@link #open(Model, TrainingConfig)}, marking each step's phases on {@code phases} (the benchmark's timer).
     *
     * @param phases or null
     */
    public static ConciseLearner open(Model model, TrainingConfig config, PhaseTimer phases) {
        Trainer trainer = model.newTrainer(config);
        return new ConciseLearner(trainer, FastStep.of(trainer, config), phases);
    }

    /** A learner whose every step is DJL's own {@code gc.backward(loss)} and {@code trainer.step()}. */
    public static ConciseLearner openWithDjlStep(Model model, TrainingConfig config) {
        return new ConciseLearner(model.newTrainer(config), null, null);
    }

    /** The trainer, to initialize the parameters: {@code learner.trainer().initialize(shape)}. */
    public Trainer trainer() {
        return trainer;
    }

    private void lap(Phase phase) {
        if (phases != null) {
            phases.lap(phase);
        }
    }

    @Override
    public NDList trainBatch(NDArray x, NDArray y) {
        return trainBatch(x, y, (labels, yHat) -> trainer.getLoss().evaluate(new NDList(labels), new NDList(yHat)));
    }

    /**
     * One step on a loss of our own instead of the config's: {@code loss.apply(y, yHat)} must be the batch's mean
     * loss, a scalar.
     */
    public NDList trainBatch(NDArray x, NDArray y, BinaryOperator<NDArray> loss) {
        NDArray yHat;
        NDArray l;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            yHat = trainer.forward(new NDList(x)).singletonOrThrow();
            lap(Phase.FORWARD);
            l = loss.apply(y, yHat);
            lap(Phase.LOSS);
            if (fast != null) {
                fast.backward(gc, l);
            } else {
                gc.backward(l);
            }
            lap(Phase.BACKWARD);
        }
        if (fast != null) {
            fast.step();
        } else {
            trainer.step();
        }
        lap(Phase.STEP);
        return new NDList(yHat, l);
    }

    @Override
    public NDArray predict(NDArray x) {
        return trainer.evaluate(new NDList(x)).singletonOrThrow();
    }

    @Override
    public void close() {
        trainer.close();
    }

    /**
     * The training of the book's concise classifiers (4.3, and the distribution-shift nets): softmax cross-entropy,
     * SGD at {@code lr}, weights N(0, 0.01²), on {@code device}.
     */
    public static DefaultTrainingConfig classifierConfig(double lr, Device device) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed((float) lr))
                        .build())
                .optInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {device});
    }
}
