package d2l.mlp.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import d2l.mlp.runtime.TorchRuntime;

/**
 * Squared error averaged over the batch: {@code mean((ŷ − y)²)} (PyTorch's {@code nn.MSELoss}, the book's concise
 * loss) or, halved, {@code mean((ŷ − y)²/2)} (the book's {@code squared_loss}).
 *
 * <p>DJL's {@code L2Loss} computes the same numbers but always multiplies by its weight as a Java {@code float},
 * which autograd keeps over a buffer the garbage collector may free before the backward pass (see
 * {@link TorchRuntime#scalar}); this one has no such operand.
 */
public final class SquaredLoss extends Loss {

    private final boolean halved;

    private SquaredLoss(String name, boolean halved) {
        super(name);
        this.halved = halved;
    }

    /** {@code mean((ŷ − y)²)}. */
    public static SquaredLoss mse() {
        return new SquaredLoss("mse", false);
    }

    /** {@code mean((ŷ − y)²/2)}. */
    public static SquaredLoss halved() {
        return new SquaredLoss("half-mse", true);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray squares =
                labels.singletonOrThrow().reshape(pred.getShape()).sub(pred).square();
        return (halved ? squares.div(TorchRuntime.scalar(squares, 2f)) : squares).mean();
    }
}
