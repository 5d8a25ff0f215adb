package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.scratch.MinibatchSgd;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A network made of our own parameter tensors and a forward function, trained with {@link GradientCollector}, a loss
 * averaged over the batch and an updater such as the hand-written minibatch SGD ({@code MinibatchSgd::step}).
 */
public final class ScratchLearner implements Learner {

    /** Updates the parameters from their gradients, then zeroes the gradients: the book's {@code updater}. */
    @FunctionalInterface
    public interface Updater {
        void step(List<NDArray> params, float lr);
    }

    private final List<NDArray> params;
    private final UnaryOperator<NDArray> trainForward;
    private final UnaryOperator<NDArray> evalForward;
    private final Loss loss;
    private final Updater updater;
    private final float lr;

    /**
     * @param params tensors with gradients attached
     * @param trainForward forward pass in training mode (e.g. with dropout)
     * @param evalForward forward pass in evaluation mode
     * @param loss the batch's mean loss (the book sums the per-example losses and divides the step by the batch size,
     *     which is the same update)
     * @param updater the step, called after the gradients are computed
     * @param lr learning rate of the step
     */
    public ScratchLearner(
            List<NDArray> params,
            UnaryOperator<NDArray> trainForward,
            UnaryOperator<NDArray> evalForward,
            Loss loss,
            Updater updater,
            double lr) {
        this.params = params;
        this.trainForward = trainForward;
        this.evalForward = evalForward;
        this.loss = loss;
        this.updater = updater;
        this.lr = (float) lr;
    }

    /** A learner with softmax cross-entropy and the hand-written minibatch SGD ({@link MinibatchSgd#step}). */
    public ScratchLearner(
            List<NDArray> params, UnaryOperator<NDArray> trainForward, UnaryOperator<NDArray> evalForward, double lr) {
        this(params, trainForward, evalForward, Loss.softmaxCrossEntropyLoss(), MinibatchSgd::step, lr);
    }

    @Override
    public NDList trainBatch(NDArray x, NDArray y) {
        NDArray yHat;
        NDArray l;
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            yHat = trainForward.apply(x);
            l = loss.evaluate(new NDList(y), new NDList(yHat));
            gc.backward(l);
        }
        updater.step(params, lr);
        return new NDList(yHat, l);
    }

    @Override
    public NDArray predict(NDArray x) {
        return evalForward.apply(x);
    }
}
