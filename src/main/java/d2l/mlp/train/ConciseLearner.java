package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/** A DJL {@link Trainer} (model, loss and optimizer from its training config) seen as a {@link Learner}. */
public final class ConciseLearner implements Learner {

    private final Trainer trainer;

    public ConciseLearner(Trainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public NDList trainBatch(NDArray x, NDArray y) {
        NDArray yHat;
        NDArray l;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            yHat = trainer.forward(new NDList(x)).singletonOrThrow();
            l = trainer.getLoss().evaluate(new NDList(y), new NDList(yHat));
            gc.backward(l);
        }
        trainer.step();
        return new NDList(yHat, l);
    }

    @Override
    public NDArray predict(NDArray x) {
        return trainer.evaluate(new NDList(x)).singletonOrThrow();
    }
}
