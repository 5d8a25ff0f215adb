package d2l.mlp.s405_weight_decay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import d2l.mlp.HostTensors;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.ConciseLearner;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightDecayConciseTest {

    /**
     * One DJL step equals the hand formula with the book's MSE (no ½): g_w = (2/b)·xᵀr, g_b = (2/b)·Σr with
     * r = x·w + b − y; w ← (1 − ηλ)·w − η·g_w; b ← b − η·g_b (the bias is not decayed).
     */
    @Test
    void oneStepDecaysTheWeightButNotTheBias() {
        float lr = 0.003f;
        float wd = 3f;
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance(
                        "wd", Device.cpu(), TorchRuntime.engine().getEngineName());
                ConciseLearner learner = WeightDecayConcise.newLearner(model, lr, wd, Device.cpu())) {
            HighDimData data = HighDimData.generate(m, new Random(2));
            NDArray x = data.train().x().get(m, new NDIndex("0:5"));
            NDArray y = data.train().y().get(m, new NDIndex("0:5"));
            float[] w =
                    model.getBlock().getParameters().get("weight").getArray().toFloatArray();
            float b = model.getBlock().getParameters().get("bias").getArray().getFloat();
            float[] xs = x.toFloatArray();
            float[] ys = y.toFloatArray();
            int n = 5;
            int d = HighDimData.DIM;
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                double yHat = b;
                for (int j = 0; j < d; j++) {
                    yHat += xs[i * d + j] * (double) w[j];
                }
                r[i] = yHat - ys[i];
            }
            learner.trainBatch(x, y);
            float[] w1 =
                    model.getBlock().getParameters().get("weight").getArray().toFloatArray();
            float b1 = model.getBlock().getParameters().get("bias").getArray().getFloat();
            for (int j = 0; j < d; j++) {
                double g = 0;
                for (int i = 0; i < n; i++) {
                    g += 2.0 / n * xs[i * d + j] * r[i];
                }
                double expected = (1 - lr * wd) * w[j] - lr * g;
                assertEquals(expected, w1[j], 2e-6 * (1 + Math.abs(expected)), "w[" + j + "]");
            }
            double gb = 0;
            for (int i = 0; i < n; i++) {
                gb += 2.0 / n * r[i];
            }
            assertEquals(b - lr * gb, b1, 2e-6 * (1 + Math.abs(b)), "bias: not decayed");
        }
    }

    /**
     * What comes from the host while a model trains (see HostTensors) does not grow with the number of batches:
     * batch 1 takes 20 steps per epoch, batch 5 four.
     */
    @Test
    void trainingCopiesNothingPerBatch() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            HighDimData data = HighDimData.generate(m, new Random(2));
            HostTensors.assertSameForBatchSizes(
                    "scratch",
                    b -> WeightDecayScratch.train(m, data, 3f, RunConfig.of(2, 0.003, b), new Random(3)),
                    5,
                    1);
            HostTensors.assertSameForBatchSizes(
                    "concise",
                    b -> WeightDecayConcise.train(m, data, 3f, RunConfig.of(2, 0.003, b), Device.cpu(), new Random(3)),
                    5,
                    1);
        }
    }
}
