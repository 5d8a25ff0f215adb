package d2l.mlp.s404_underfit_overfit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.TorchRuntime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The section's data: features x^i/i!, labels from the cubic with the true weights plus small noise. */
class PolyDataTest {

    @Test
    void featuresAreScaledPowersAndLabelsFollowTheCubic() {
        PolyData data = PolyData.generate(new Random(3));
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset train = data.train(m);
            assertEquals(
                    new Shape(PolyData.N_TRAIN, PolyData.MAX_DEGREE), train.x().getShape());
            float[] f = train.x().toFloatArray();
            float[] y = train.y().toFloatArray();
            double residual = 0;
            for (int r = 0; r < PolyData.N_TRAIN; r++) {
                double x = f[r * PolyData.MAX_DEGREE + 1];
                assertEquals(1, f[r * PolyData.MAX_DEGREE], 0, "x^0/0!");
                assertEquals(x * x / 2, f[r * PolyData.MAX_DEGREE + 2], 1e-5 * (1 + x * x));
                assertEquals(x * x * x / 6, f[r * PolyData.MAX_DEGREE + 3], 1e-5 * (1 + Math.abs(x * x * x)));
                double cubic = 5 + 1.2 * x - 3.4 * x * x / 2 + 5.6 * x * x * x / 6;
                residual += (y[r] - cubic) * (y[r] - cubic) / PolyData.N_TRAIN;
            }
            assertEquals(PolyData.NOISE, Math.sqrt(residual), 0.03, "label noise sd");
            InMemoryDataset three = PolyData.firstFeatures(m, train, 3);
            assertEquals(new Shape(1, PolyData.N_TRAIN, 3), three.x().getShape());
        }
    }
}
