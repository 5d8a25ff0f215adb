package d2l.mlp.s403_mlp_concise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.ConciseLearner;
import org.junit.jupiter.api.Test;

/**
 * The concise MLP: flatten, Linear(256), ReLU, Linear(10), with the book's N(0, 0.01²) weights and PyTorch's default
 * biases.
 */
class MlpConciseTest {

    @Test
    void layersShapesAndInitialization() {
        TorchRuntime.seed(4);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance(
                        "t", Device.cpu(), TorchRuntime.engine().getEngineName())) {
            model.setBlock(MlpConcise.net());
            try (ConciseLearner learner =
                    ConciseLearner.open(model, ConciseLearner.classifierConfig(0.1, Device.cpu()))) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                int linear = 0;
                long[] fanIns = {784, 256};
                for (Block b : model.getBlock().getChildren().values()) {
                    if (b instanceof Linear) {
                        // PyTorch's default bias, as the book leaves it: U(−1/√fan_in, 1/√fan_in), not DJL's zeros
                        NDArray bias = b.getParameters().get("bias").getArray();
                        double bound = 1 / Math.sqrt(fanIns[linear]);
                        assertTrue(bias.abs().max().getFloat() <= bound, "biases inside ±1/√fan_in");
                        assertTrue(bias.abs().max().getFloat() > 0.5 * bound, "biases spread over ±1/√fan_in");
                        linear++;
                        double std = Math.sqrt(b.getParameters()
                                .get("weight")
                                .getArray()
                                .square()
                                .mean()
                                .getFloat());
                        assertEquals(0.01, std, 0.002, "weights N(0, 0.01²)");
                    }
                }
                assertEquals(2, linear);
                NDList out = learner.trainer().evaluate(new NDList(m.randomUniform(0f, 1f, new Shape(3, 28, 28))));
                assertEquals(new Shape(3, 10), out.singletonOrThrow().getShape());
            }
        }
    }
}
