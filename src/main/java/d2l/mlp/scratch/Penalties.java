package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import d2l.mlp.runtime.TorchRuntime;

/** Hand-written regularization terms; tests check them against DJL's weight-decay losses. */
public final class Penalties {

    private Penalties() {}

    /**
     * The book's {@code l2_penalty}: {@code Σ w² / 2}, a scalar whose gradient with respect to {@code w} is
     * {@code w}. Equal to DJL's {@code L2WeightDecay} with λ = 1/2 on the same tensor.
     *
     * @param scope owns the result and the one intermediate array: pass the batch's manager, so nothing piles up on
     *     the parameter's long-lived manager (an op's result would otherwise join its left operand's, {@code w}'s)
     */
    public static NDArray l2Penalty(NDManager scope, NDArray w) {
        NDArray squares = w.square();
        squares.attach(scope);
        return squares.sum().div(TorchRuntime.scalar(squares, 2f));
    }
}
