package d2l.mlp.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.L2WeightDecay;
import d2l.mlp.runtime.TorchRuntime;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PenaltiesTest {

    private static float[][] valueAndGrad(NDManager m, float[] w0, Function<NDArray, NDArray> f) {
        NDArray w = m.create(w0, new Shape(w0.length, 1));
        w.setRequiresGradient(true);
        NDArray v;
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            v = f.apply(w);
            gc.backward(v);
        }
        return new float[][] {{v.getFloat()}, w.getGradient().toFloatArray()};
    }

    @Test
    void l2PenaltyEqualsDjlL2WeightDecayWithHalfLambdaInValueAndGradient() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            TorchRuntime.seed(3);
            float[] w0 =
                    m.randomNormal(0f, 1f, new Shape(200), DataType.FLOAT32).toFloatArray();
            try (NDManager scope = m.newSubManager()) {
                float[][] ours = valueAndGrad(m, w0, w -> Penalties.l2Penalty(scope, w));
                float[][] djl =
                        valueAndGrad(m, w0, w -> new L2WeightDecay("l2", new NDList(w), 0.5f).evaluate(null, null));
                double expected = 0;
                for (float v : w0) {
                    expected += v * (double) v / 2;
                }
                assertEquals(expected, ours[0][0], 1e-4 * expected, "value = sum w^2 / 2");
                assertEquals(djl[0][0], ours[0][0], 1e-6f * djl[0][0], "value vs DJL");
                assertArrayEquals(djl[1], ours[1], 1e-6f, "gradient vs DJL");
                assertArrayEquals(w0, ours[1], 1e-6f, "gradient = w");
            }
        }
    }

    @Test
    void l2PenaltyLeavesNothingOnTheParametersManager() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray w = m.ones(new Shape(4));
            int before = m.getManagedArrays().size();
            try (NDManager scope = m.newSubManager()) {
                assertEquals(2f, Penalties.l2Penalty(scope, w).getFloat(), 0f);
            }
            assertEquals(before, m.getManagedArrays().size());
        }
    }
}
