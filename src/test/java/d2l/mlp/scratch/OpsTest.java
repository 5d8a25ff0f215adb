package d2l.mlp.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import d2l.mlp.runtime.TorchRuntime;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class OpsTest {

    /** Points including exact zeros, tiny values of both signs and the grid of the book's plots. */
    private static float[] points() {
        float[] p = new float[160 + 6];
        for (int i = 0; i < 160; i++) {
            p[i] = -8f + 0.1f * i;
        }
        p[160] = 0f;
        p[161] = -0f;
        p[162] = 1e-30f;
        p[163] = -1e-30f;
        p[164] = 1e6f;
        p[165] = -1e6f;
        return p;
    }

    private static float[][] valueAndGrad(NDManager m, UnaryOperator<NDArray> f) {
        NDArray x = m.create(points());
        x.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            y = f.apply(x);
            gc.backward(y);
        }
        return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray()};
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }

    @Test
    void scratchReluEqualsDjlReluInValueAndGradientIncludingZero() {
        try (NDManager m = TorchRuntime.newManager(ai.djl.Device.cpu())) {
            float[][] ours = valueAndGrad(m, Ops::relu);
            float[][] djl = valueAndGrad(m, Activation::relu);
            // values equal as numbers (libtorch keeps an input of -0.0 as -0.0, ours gives 0.0); a negative input
            // must give +0.0 as libtorch does, not -0.0; gradients bit for bit
            assertArrayEquals(djl[0], ours[0], 0f, "values");
            assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(ours[0][0]), "relu(-8) is +0.0");
            assertArrayEquals(bits(djl[1]), bits(ours[1]), "gradients");
            // the convention at 0: gradient 0, as libtorch's relu
            assertArrayEquals(new float[] {0f, 0f}, new float[] {ours[1][160], ours[1][161]}, 0f);
        }
    }
}
