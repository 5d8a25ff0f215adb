package d2l.mlp.s407_backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s407_backprop.Backprop.Grads;
import d2l.mlp.s407_backprop.Backprop.Phi;
import org.junit.jupiter.api.Test;

/** The hand-written backward pass against DJL's autograd and against finite differences. */
class BackpropTest {

    @Test
    void handWrittenGradientsMatchAutogradAndFiniteDifferencesForEveryActivation() {
        Backprop.Result result = Backprop.run(Backprop.defaults().withDevice(DeviceChoice.CPU));
        assertEquals(3, result.relativeErrors().size());
        for (Backprop.Check c : result.relativeErrors()) {
            // float32 on 256×784 weights: a few rounding errors of a float32 sum
            assertTrue(c.autogradW1() < 1e-5 && c.autogradW2() < 1e-5, c.toString());
            // float64 central differences with ε = 1e-6: truncation O(ε²) and rounding O(1e-16/ε)
            assertTrue(c.finiteDiffW1() < 1e-7 && c.finiteDiffW2() < 1e-7, c.toString());
        }
        assertEquals(12, result.trace().size());
        assertTrue(result.trace().get(1).contains("(256, 256)"), result.trace().get(1));
        assertTrue(result.trace().get(11).contains("(256, 784)"), result.trace().get(11));
    }

    /** The comparison notices a wrong φ' or a missing λ term, so the test above can fail. */
    @Test
    void aWrongDerivativeOrAMissingPenaltyIsCaught() {
        TorchRuntime.seed(9);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomNormal(0f, 1f, new Shape(8, 6), DataType.FLOAT64);
            NDArray y = m.randomInteger(0, 3, new Shape(8), DataType.INT64);
            NDArray w1 = m.randomNormal(0f, 1f, new Shape(5, 6), DataType.FLOAT64);
            NDArray w2 = m.randomNormal(0f, 1f, new Shape(3, 5), DataType.FLOAT64);
            float lambda = 0.1f;
            Grads fd = Backprop.finiteDifferences(x, y, w1, w2, Phi.TANH, lambda, 1e-6);
            Grads right = Backprop.backward(Backprop.forward(x, y, w1, w2, Phi.TANH, lambda), w1, w2, Phi.TANH, lambda);
            assertTrue(Backprop.relativeError(right.dW1(), fd.dW1()) < 1e-7);
            Grads wrongPhi =
                    Backprop.backward(Backprop.forward(x, y, w1, w2, Phi.TANH, lambda), w1, w2, Phi.SIGMOID, lambda);
            assertTrue(Backprop.relativeError(wrongPhi.dW1(), fd.dW1()) > 1e-2);
            Grads noPenalty = Backprop.backward(Backprop.forward(x, y, w1, w2, Phi.TANH, lambda), w1, w2, Phi.TANH, 0f);
            assertTrue(Backprop.relativeError(noPenalty.dW2(), fd.dW2()) > 1e-2);
        }
    }

    @Test
    void forwardStoresTheIntermediatesAndJIsLossPlusPenalty() {
        TorchRuntime.seed(10);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomNormal(0f, 1f, new Shape(4, 3), DataType.FLOAT64);
            NDArray y = m.create(new long[] {0, 1, 1, 0});
            NDArray w1 = m.randomNormal(0f, 1f, new Shape(2, 3), DataType.FLOAT64);
            NDArray w2 = m.randomNormal(0f, 1f, new Shape(2, 2), DataType.FLOAT64);
            Backprop.Forward f = Backprop.forward(x, y, w1, w2, Phi.RELU, 0.5f);
            assertEquals(new Shape(4, 2), f.z().getShape());
            assertEquals(new Shape(4, 2), f.o().getShape());
            double[] o = f.o().toDoubleArray();
            long[] labels = {0, 1, 1, 0};
            double loss = 0;
            for (int i = 0; i < 4; i++) {
                double lse = Math.log(Math.exp(o[2 * i]) + Math.exp(o[2 * i + 1]));
                loss += (lse - o[2 * i + (int) labels[i]]) / 4;
            }
            double penalty =
                    0.25 * (w1.square().sum().getDouble() + w2.square().sum().getDouble());
            assertEquals(loss, f.loss().getDouble(), 1e-12);
            assertEquals(loss + penalty, f.j().getDouble(), 1e-12);
        }
    }
}
