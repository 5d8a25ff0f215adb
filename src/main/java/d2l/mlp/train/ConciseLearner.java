package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.TrainingConfig;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import java.util.List;

/** A DJL {@link Trainer} (model, loss and optimizer from its training config) seen as a {@link Learner}. */
public final class ConciseLearner implements Learner {

    private final Trainer trainer;
    private final PhaseTimer phases;
    private final SgdWithoutDecay directSgd;
    private List<Parameter> trainable; // found at the first step: the block is initialized by then

    /** A learner that updates the parameters through {@link Trainer#step}, with the optimizer of its config. */
    public ConciseLearner(Trainer trainer) {
        this(trainer, null, null);
    }

    /**
     * A learner for a trainer made from {@code config}. When its optimizer is a {@link SgdWithoutDecay} and the
     * trainer has one device, the update is applied to the parameters and their own gradients directly: the same
     * arithmetic as {@link Trainer#step}, without DJL's parameter server, which copies every gradient before handing
     * it to the optimizer (a clone and a delete per parameter and step: 0.8 MB copied per step of the 784-256-10 MLP).
     *
     * @param config the config {@code trainer} was made from
     * @param phases marks the steps' phases (the benchmark's timer), or null
     */
    public ConciseLearner(Trainer trainer, TrainingConfig config, PhaseTimer phases) {
        this.trainer = trainer;
        this.phases = phases;
        this.directSgd = config != null && config.getOptimizer() instanceof SgdWithoutDecay sgd
                && trainer.getDevices().length == 1 ? sgd : null;
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
        if (directSgd != null) {
            if (trainable == null) {
                trainable = SgdWithoutDecay.trainable(trainer.getModel().getBlock());
            }
            directSgd.step(trainable);
        } else {
            trainer.step();
        }
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
