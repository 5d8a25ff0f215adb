package d2l.mlp.s408_numerical_stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import d2l.mlp.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

/** Through a deep linear stack, Xavier keeps the activations' variance while N(0, 1) makes it explode. */
class XavierTest {

    @Test
    void xavierKeepsTheVarianceAndUnitNormalExplodes() {
        TorchRuntime.seed(6);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            double[] xavier = Xavier.stack(
                    m,
                    new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                    64);
            double[] normal = Xavier.stack(m, new NormalInitializer(1f), 64);
            assertEquals(Xavier.DEPTH + 1, xavier.length);
            assertEquals(1, xavier[0], 0.1, "N(0, 1) inputs");
            double ratio = xavier[Xavier.DEPTH] / xavier[0];
            assertTrue(ratio > 0.05 && ratio < 20, "xavier: variance after " + Xavier.DEPTH + " layers ×" + ratio);
            assertTrue(normal[Xavier.DEPTH] / normal[0] > 1e50, "N(0, 1): ×" + normal[Xavier.DEPTH] / normal[0]);
        }
    }
}
