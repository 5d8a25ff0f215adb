package d2l.mlp.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.scratch.MinibatchSgd;

/**
 * Minibatch SGD without weight decay, momentum, rescaling or clipping — the book's {@code torch.optim.SGD(lr)} — as a
 * DJL {@link Optimizer}, so a {@code Trainer} uses it like any other.
 *
 * <p>It computes {@code w ← w − lr·g}, bit for bit what DJL's {@code Sgd} computes with weight decay 0, in fewer
 * passes over memory: DJL's native update clones the gradient it was handed (already a copy made by the parameter
 * server), adds {@code 0·w}, scales and subtracts; this one scales the handed copy in place and subtracts. Both then
 * zero the parameter's gradient for the next batch.
 */
public final class SgdWithoutDecay extends Optimizer {

    private final float lr;
    private NDArray lrTensor;

    /** SGD with a fixed learning rate. */
    public SgdWithoutDecay(float lr) {
        super(new Builder());
        this.lr = lr;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (lrTensor == null || !lrTensor.getDevice().equals(weight.getDevice())) {
            // made once, by libtorch: a float operand would allocate a Java direct buffer on every update
            lrTensor = TorchRuntime.scalar(weight, lr);
        }
        MinibatchSgd.update(weight, grad, lrTensor);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
