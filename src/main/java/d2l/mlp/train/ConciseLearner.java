package d2l.mlp.train;

import ai.djl.Device;
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
import java.util.List;

/** A DJL {@link Trainer} (model, loss and optimizer from its training config) seen as a {@link Learner}. */
public final class ConciseLearner implements Learner {

    private final Trainer trainer;
    private final PhaseTimer phases;
    private final Optimizer directOptimizer;
    private List<Parameter> trainable; // found at the first step: the block is initialized by then
    private NDArray backwardSeed;

    /** A learner that updates the parameters through {@link Trainer#step}. */
    public ConciseLearner(Trainer trainer) {
        this(trainer, null, null);
    }

    /**
     * A learner for a trainer made from {@code config}. On one device it hands the config's optimizer each
     * parameter with its own gradient, the arithmetic of {@link Trainer#step} without DJL's parameter server, which
     * clones every gradient first (a copy that is only needed to share one gradient among several devices): two
     * library calls fewer per parameter and step, and no copy (0.8 MB per step of the 784-256-10 MLP). DJL's
     * optimizers and ours read the gradient before they zero it, so the result is the same bit for bit.
     *
     * @param config the config {@code trainer} was made from, or null to step through the trainer
     * @param phases marks the steps' phases (the benchmark's timer), or null
     */
    public ConciseLearner(Trainer trainer, TrainingConfig config, PhaseTimer phases) {
        this.trainer = trainer;
        this.phases = phases;
        this.directOptimizer = config != null && trainer.getDevices().length == 1 ? config.getOptimizer() : null;
    }

    private void lap(int phase) {
        if (phases != null) {
            phases.lap(phase);
        }
    }

    @Override
    public NDList trainBatch(NDArray x, NDArray y) {
        NDArray yHat;
        NDArray l;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            yHat = trainer.forward(new NDList(x)).singletonOrThrow();
            lap(1);
            l = trainer.getLoss().evaluate(new NDList(y), new NDList(yHat));
            lap(2);
            backward(gc, l);
            lap(3);
        }
        step();
        lap(4);
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
        if (l instanceof PtNDArray loss
                && l.getShape().isScalar()
                && l.getDataType() == backwardSeed.getDataType()
                && l.getDevice().equals(backwardSeed.getDevice())) {
            JniUtils.backward(loss, (PtNDArray) backwardSeed, false, false);
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

    /**
     * The book's concise classifiers' training: softmax cross-entropy, SGD at {@code lr}, weights N(0, 0.01²),
     * on {@code device}. The SGD is {@link SgdWithoutDecay}:
     * bit for bit DJL's {@code Sgd} without weight decay, in fewer passes over memory (about 10% faster per epoch
     * here).
     */
    public static DefaultTrainingConfig classifierConfig(double lr, Device device) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(new SgdWithoutDecay((float) lr))
                .optInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {device});
    }
}
