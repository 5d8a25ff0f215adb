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
 * A network made of our own parameter tensors and a forward function, trained with {@link GradientCollector} and
 * hand-written minibatch SGD. The loss is DJL's softmax cross-entropy, averaged over the batch: the book sums the
 * per-example losses and divides the step by the batch size, which is the same update.
 */
public final class ScratchLearner implements Learner {

    private final List<NDArray> params;
    private final UnaryOperator<NDArray> trainForward;
    private final UnaryOperator<NDArray> evalForward;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private final float lr;

    /**
     * @param params tensors with gradients attached
     * @param trainForward forward pass in training mode (e.g. with dropout)
     * @param evalForward forward pass in evaluation mode
     * @param lr learning rate of the SGD step
     */
    public ScratchLearner(
            List<NDArray> params, UnaryOperator<NDArray> trainForward, UnaryOperator<NDArray> evalForward, double lr) {
        this.params = params;
        this.trainForward = trainForward;
        this.evalForward = evalForward;
        this.lr = (float) lr;
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
        MinibatchSgd.step(params, lr);
        return new NDList(yHat, l);
    }

    @Override
    public NDArray predict(NDArray x) {
        return evalForward.apply(x);
    }
}
