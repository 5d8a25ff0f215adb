package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;

/** The chapter's hand-written operations; tests check each against DJL's built-in. */
public final class Ops {

    private Ops() {}

    /**
     * ReLU written out as {@code x · 1[x > 0]}.
     *
     * <p>At {@code x = 0} its gradient is 0, the same convention as DJL's {@code Activation.relu} (libtorch's
     * {@code threshold_backward}). The book's {@code torch.max(X, 0)} would give 1/2 there instead, because
     * libtorch splits the gradient of a tie in {@code maximum} between its inputs.
     */
    public static NDArray relu(NDArray x) {
        return x.mul(x.gt(0f).toType(x.getDataType(), false));
    }
}
