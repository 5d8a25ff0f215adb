package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;

/** A DJL {@link Trainer} (model, loss and optimizer from its training config) seen as a {@link Learner}. */
public final class ConciseLearner implements Learner {

    private final Trainer trainer;
    private final PhaseTimer phases;

    public ConciseLearner(Trainer trainer) {
        this(trainer, null);
    }

    /** A learner whose steps mark their phases on {@code phases} (the benchmark's), or on nothing when null. */
    public ConciseLearner(Trainer trainer, PhaseTimer phases) {
        this.trainer = trainer;
        this.phases = phases;
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
            gc.backward(l);
            lap(3);
        }
        trainer.step();
        lap(4);
        return new NDList(yHat, l);
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
