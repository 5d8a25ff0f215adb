package d2l.mlp.s410_kaggle_house;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.HostTensors;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HouseTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void logRmseClampsPredictionsBelowOne() {
        float[] pred = {100f, 0.5f, -20f, 250f};
        float[] truth = {120f, 2f, 10f, 200f};
        double ss = 0;
        for (int i = 0; i < pred.length; i++) {
            ss += Math.pow(Math.log(Math.max(pred[i], 1)) - Math.log(truth[i]), 2);
        }
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            double got = HouseTraining.logRmse(m.create(pred, new Shape(4, 1)), m.create(truth, new Shape(4, 1)));
            assertEquals(Math.sqrt(ss / 4), got, 1e-6);
        }
    }

    @Test
    void submissionHasAHeaderAndOneRowPerTestHouse() {
        String csv = KaggleHouse.submission(new int[] {1461, 1462}, new float[] {119261.93f, 1.5e7f});
        assertEquals(
                List.of("Id,SalePrice", "1461,119261.93", "1462,15000000"),
                csv.lines().toList());
        assertThrows(IllegalArgumentException.class, () -> KaggleHouse.submission(new int[] {1}, new float[0]));
    }

    /**
     * What comes from the host while a house-price model trains (see HostTensors) does not grow with the number of
     * batches: 256 rows are 4 batches of 64 or 16 of 16.
     */
    @Test
    void fittingCopiesNothingPerBatch() {
        TorchRuntime.seed(5);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset train = new InMemoryDataset(
                    m.randomNormal(new Shape(256, 20)), m.randomUniform(5e4f, 3e5f, new Shape(256, 1)));
            InMemoryDataset valid = new InMemoryDataset(
                    m.randomNormal(new Shape(64, 20)), m.randomUniform(5e4f, 3e5f, new Shape(64, 1)));
            for (HouseTraining.Recipe recipe : List.of(KaggleHouse.linear(20), KaggleHouseMlp.mlp(8, 0.2f, 0.05f))) {
                HostTensors.assertSameForBatchSizes(
                        recipe.toString(),
                        b -> HouseTraining.fit(
                                "house", recipe, RunConfig.of(2, 0.01, b), train, valid, null, new Random(1)),
                        64,
                        16);
            }
        }
    }
}
