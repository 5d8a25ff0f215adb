package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import d2l.mlp.runtime.TorchRuntime;

/** The chapter's hand-written operations; tests check each against DJL's built-in. */
public final class Ops {

    private Ops() {}

    /**
     * ReLU written out: {@code x} where {@code x > 0}, else 0.
     *
     * <p>At {@code x = 0} its gradient is 0, the same convention as DJL's {@code Activation.relu} (libtorch's
     * {@code threshold_backward}). The book's {@code torch.max(X, 0)} would give 1/2 there instead, because
     * libtorch splits the gradient of a tie in {@code maximum} between its inputs. (Selecting rather than
     * multiplying by a 0/1 mask keeps the zeros positive, as libtorch's are: {@code -2 · 0} would be
     * {@code -0.0}.)
     */
    public static NDArray relu(NDArray x) {
        NDArray zero = x.zerosLike(); // a tensor, not gt(0f): see dropoutLayer
        return NDArrays.where(x.gt(zero), x, zero);
    }

    /**
     * The book's {@code dropout_layer}: each element is kept with probability {@code 1 − p} and scaled by
     * {@code 1/(1 − p)} (as {@code x · (mask/(1 − p))}), so the expectation is unchanged; {@code p = 0} returns
     * {@code x} itself and {@code p = 1} returns zeros. The mask is {@code U[0, 1) > p}, drawn from libtorch's
     * generator (seeded by {@code TorchRuntime.seed}), on {@code x}'s manager.
     *
     * @throws IllegalArgumentException when {@code p} is not in [0, 1]
     */
    public static NDArray dropoutLayer(NDArray x, float p) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability p must be in [0, 1], got p = " + p);
        }
        if (p == 0f) {
            return x;
        }
        if (p == 1f) {
            return x.zerosLike();
        }
        // p and 1 − p as tensors made on x's device, not Number operands (see TorchRuntime.scalar). The scale goes
        // into the mask, which needs no gradient: x · (mask / (1 − p)).
        NDArray mask = x.getManager()
                .randomUniform(0f, 1f, x.getShape(), x.getDataType())
                .gt(TorchRuntime.scalar(x, p))
                .toType(x.getDataType(), false)
                .div(TorchRuntime.scalar(x, 1f - p));
        return x.mul(mask);
    }
}
