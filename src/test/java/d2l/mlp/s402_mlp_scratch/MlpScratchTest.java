package d2l.mlp.s402_mlp_scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.runtime.TorchRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scratch MLP: its parameters as the book draws them, and relu(x·W1 + b1)·W2 + b2. */
class MlpScratchTest {

    @Test
    void parametersAndForwardPass() {
        TorchRuntime.seed(4);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            List<NDArray> p = MlpScratch.initParams(m);
            assertEquals(new Shape(784, 256), p.get(0).getShape());
            assertEquals(new Shape(10), p.get(3).getShape());
            assertEquals(0.01, Math.sqrt(p.get(0).square().mean().getFloat()), 0.001, "weights N(0, 0.01²)");
            assertEquals(0, p.get(1).abs().sum().getFloat(), "biases 0");
            NDArray x = m.randomUniform(0f, 1f, new Shape(5, 28, 28));
            NDArray expected = x.reshape(5, 784)
                    .matMul(p.get(0))
                    .add(p.get(1))
                    .maximum(0f)
                    .matMul(p.get(2))
                    .add(p.get(3));
            NDArray logits = MlpScratch.net(p, x);
            assertEquals(new Shape(5, 10), logits.getShape());
            assertArrayEquals(expected.toFloatArray(), logits.toFloatArray(), 1e-6f);
        }
    }
}
