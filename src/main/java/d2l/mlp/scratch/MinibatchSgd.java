package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import d2l.mlp.fast.FastOps;
import d2l.mlp.runtime.TorchRuntime;
import java.util.List;

/** Minibatch SGD written out: {@code p ← p − lr·∇p}, then the gradient is zeroed for the next batch. */
public final class MinibatchSgd {

    private MinibatchSgd() {}

    /**
     * One step on every parameter. Call it after the gradient collector is closed (outside recording).
     *
     * @param lr learning rate; the gradient is that of the batch's mean loss
     */
    public static void step(List<NDArray> params, float lr) {
        // the rate as a libtorch scalar, made once per step: a float operand would allocate a Java direct buffer
        try (NDArray rate = TorchRuntime.scalar(params.get(0), lr)) {
            for (NDArray p : params) {
                try (NDArray g = p.getGradient()) {
                    update(p, g, rate);
                }
            }
        }
    }

    /**
     * {@code p ← p − rate·grad} in place, then {@code p}'s gradient is zeroed. {@code grad} is scaled in place: pass
     * the gradient itself or a copy that may be overwritten.
     */
    public static void update(NDArray p, NDArray grad, NDArray rate) {
        p.subi(grad.muli(rate));
        FastOps.zeroGrad(p); // the book's p.grad.zero_()
    }
}
