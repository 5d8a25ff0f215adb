package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
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

    /**
     * Gives the {@code types} parameters of every {@link Linear} child of {@code net} this distribution, the k-th
     * Linear with fan-in {@code fanIns[k]}. It must come before {@code trainer.initialize}, and after
     * {@code model.newTrainer} when the training config sets its own initializer for one of these types, since
     * {@code newTrainer} puts the config's initializers on every block.
     *
     * @throws IllegalArgumentException when {@code net} has not one Linear child per fan-in
     */
    public static void onLinears(Block net, long[] fanIns, Parameter.Type... types) {
        int k = 0;
        for (Block child : net.getChildren().values()) {
            if (child instanceof Linear) {
                if (k == fanIns.length) {
                    throw new IllegalArgumentException("more Linear layers than the " + fanIns.length + " fan-ins");
                }
                for (Parameter.Type type : types) {
                    child.setInitializer(initializer(fanIns[k]), type);
                }
                k++;
            }
        }
        if (k != fanIns.length) {
            throw new IllegalArgumentException(k + " Linear layers for " + fanIns.length + " fan-ins");
        }
    }
}
