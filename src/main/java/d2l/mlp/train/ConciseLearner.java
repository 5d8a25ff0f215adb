package d2l.mlp.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import d2l.mlp.optim.SgdWithoutDecay;
import d2l.mlp.train.PhaseTimer.Phase;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * A DJL {@link Trainer} (model, loss and optimizer from its training config) seen as a {@link Learner}; it owns the
 * trainer. {@link #open} is the one way to make one, for every concise experiment, the benchmark and the notebooks.
 *
 * <p>The step is DJL's {@link Trainer#step} arithmetic without two costs of its general path. On one device it
 * hands the config's optimizer each parameter with its own gradient, skipping DJL's parameter server, which clones
 * every gradient first (a copy only needed to share one gradient among several devices): two library calls fewer
 * per parameter and step, and no copy (0.8 MB per step of the 784-256-10 MLP). And the backward pass's seed gradient
 * is made once instead of a tensor of ones per batch. DJL's optimizers and ours read the gradient before they zero
 * it, so the numbers are the same bit for bit ({@code ConciseLearnerTest}).
 */
public final class ConciseLearner implements Learner, AutoCloseable {

    private final Trainer trainer;
    private final PhaseTimer phases;
    private final Optimizer directOptimizer;
    private List<Parameter> trainable; // found at the first step: the block is initialized by then
    private NDArray backwardSeed;

    private ConciseLearner(Trainer trainer, Optimizer optimizer, PhaseTimer phases) {
        this.trainer = trainer;
        this.phases = phases;
        this.directOptimizer = trainer.getDevices().length == 1 ? optimizer : null;
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
        return new ConciseLearner(model.newTrainer(config), config.getOptimizer(), phases);
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
            backward(gc, l);
            lap(Phase.BACKWARD);
        }
        step();
        lap(Phase.STEP);
        return new NDList(yHat, l);
    }

    /**
     * {@code gc.backward(l)} for a scalar loss, with the seed gradient (a 0-d one) made once instead of a tensor of
     * ones per batch: one library call instead of three (ones, backward, and the delete of the ones).
     */
    private void backward(GradientCollector gc, NDArray l) {
        if (backwardSeed == null) {
            backwardSeed = trainer.getManager().ones(new Shape(), l.getDataType());
        }
        if (l instanceof PtNDArray lossArray
                && l.getShape().isScalar()
                && l.getDataType() == backwardSeed.getDataType()
                && l.getDevice().equals(backwardSeed.getDevice())) {
            JniUtils.backward(lossArray, (PtNDArray) backwardSeed, false, false);
        } else {
            gc.backward(l);
        }
    }

    private void step() {
        if (directOptimizer == null) {
            trainer.step();
            return;
        }
        if (trainable == null) {
            trainable = trainer.getModel().getBlock().getParameters().values().stream()
                    .filter(Parameter::requiresGradient)
                    .toList();
        }
        for (Parameter p : trainable) {
            NDArray weight = p.getArray();
            try (NDArray grad = weight.getGradient()) {
                directOptimizer.update(p.getId(), weight, grad);
            }
        }
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
     * The book's concise classifiers' training: softmax cross-entropy, SGD at {@code lr}, weights N(0, 0.01²),
     * on {@code device}. The SGD is {@link SgdWithoutDecay}: bit for bit DJL's {@code Sgd} without weight decay, in
     * fewer passes over memory (about 10% faster per epoch here).
     */
    public static DefaultTrainingConfig classifierConfig(double lr, Device device) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(new SgdWithoutDecay((float) lr))
                .optInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {device});
    }
}
