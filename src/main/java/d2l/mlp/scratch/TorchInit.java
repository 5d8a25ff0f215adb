package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.UniformInitializer;

/**
 * PyTorch's default initialization of {@code nn.Linear(fan_in, fan_out)}, which the book gets whenever it does not
 * initialize a layer itself: weights {@code kaiming_uniform_(a = √5)}, i.e. U(−b, b) with
 * b = gain·√(3/fan_in), gain = √(2/(1 + 5)), hence b = 1/√fan_in; biases U(−1/√fan_in, 1/√fan_in) as well.
 * DJL's own default (He normal weights, zero biases) is a different distribution.
 */
public final class TorchInit {

    private TorchInit() {}

    /** The bound 1/√fan_in of both the weights and the biases. */
    public static float bound(long fanIn) {
        return (float) (1 / Math.sqrt(fanIn));
    }

    /** A tensor of {@code shape} drawn from U(−1/√fan_in, 1/√fan_in). */
    public static NDArray uniform(NDManager m, Shape shape, long fanIn) {
        float b = bound(fanIn);
        return m.randomUniform(-b, b, shape);
    }

    /** The same distribution as a DJL initializer, e.g. for the biases of a {@code Linear} block. */
    public static UniformInitializer initializer(long fanIn) {
        return new UniformInitializer(bound(fanIn));
    }
}
