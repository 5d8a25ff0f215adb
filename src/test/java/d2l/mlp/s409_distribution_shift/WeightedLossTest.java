package d2l.mlp.s409_distribution_shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.TorchRuntime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The importance-weighted loss against DJL's softmax cross-entropy taken one example at a time, the host-side
 * target loss against DJL's, and the weight column against the rows it rides on.
 */
class WeightedLossTest {

    @Test
    void weightedLossIsTheMeanOfDjlsPerExampleLossTimesItsWeight() {
        Loss djl = Loss.softmaxCrossEntropyLoss();
        Random rng = new Random(2);
        int n = 12;
        int k = 5;
        float[] logits = new float[n * k];
        long[] labels = new long[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                logits[i * k + j] = (float) (3 * rng.nextGaussian());
            }
            labels[i] = rng.nextInt(k);
            weights[i] = (float) (5 * rng.nextDouble());
        }
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray out = m.create(logits, new Shape(n, k));
            NDArray y = m.create(labels);
            NDArray w = m.create(weights);
            double expected = 0;
            for (int i = 0; i < n; i++) {
                NDIndex row = new NDIndex().addSliceDim(i, i + 1);
                double one = djl.evaluate(new NDList(y.get(row)), new NDList(out.get(row)))
                        .getFloat();
                expected += weights[i] * one;
            }
            expected /= n;
            assertEquals(
                    expected, WeightedLearner.weightedCrossEntropy(out, y, w, k).getFloat(), 1e-5);
            double unweighted = djl.evaluate(new NDList(y), new NDList(out)).getFloat();
            assertEquals(
                    unweighted,
                    WeightedLearner.weightedCrossEntropy(out, y, m.ones(new Shape(n)), k)
                            .getFloat(),
                    1e-5);
            int[] intLabels = new int[n];
            for (int i = 0; i < n; i++) {
                intLabels[i] = (int) labels[i];
            }
            assertEquals(unweighted, CovariateShift.meanCrossEntropy(logits, intLabels, k), 1e-5);
        }
    }

    @Test
    void theWeightColumnTravelsWithItsRowThroughShuffledBatches() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            int n = 50;
            float[] x = new float[n * 3];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                x[i * 3] = i;
                x[i * 3 + 1] = -i;
                x[i * 3 + 2] = 2 * i;
                w[i] = 100 + i;
            }
            InMemoryDataset data = new InMemoryDataset(m.create(x, new Shape(n, 3)), m.arange(n));
            InMemoryDataset rows = CovariateShift.withWeights(data, w, m);
            rows.forEachBatch(8, new Random(4), (batch, y) -> {
                float[] features = WeightedLearner.features(batch).toFloatArray();
                float[] weights = WeightedLearner.weights(batch).toFloatArray();
                int[] ids = batch.getShape().get(0) > 0 ? y.toIntArray() : new int[0];
                for (int r = 0; r < ids.length; r++) {
                    assertArrayEquals(
                            new float[] {ids[r], -ids[r], 2 * ids[r]},
                            new float[] {features[r * 3], features[r * 3 + 1], features[r * 3 + 2]});
                    assertEquals(100 + ids[r], weights[r], 0);
                }
            });
        }
    }
}
