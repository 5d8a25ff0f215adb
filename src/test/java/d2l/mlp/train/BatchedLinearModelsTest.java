package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.HostTensors;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.optim.SquaredLoss;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s404_underfit_overfit.PolyData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchedLinearModelsTest {

    private static final int EPOCHS = 3;
    private static final int BATCH = 10;
    private static final float LR = 0.01f;

    /** The book's way: DJL Linear without bias, SquaredLoss.mse() (MSE, no ½), SGD, the same batch order. */
    private static float[] djlReference(NDManager m, InMemoryDataset train, float[] w0, int batch, long seed) {
        int n = train.size();
        try (Model model =
                Model.newInstance("ref", Device.cpu(), TorchRuntime.engine().getEngineName())) {
            model.setBlock(Linear.builder().setUnits(1).optBias(false).build());
            try (ConciseLearner learner = ConciseLearner.open(
                    model,
                    new DefaultTrainingConfig(SquaredLoss.mse())
                            .optOptimizer(Optimizer.sgd()
                                    .setLearningRateTracker(Tracker.fixed(LR))
                                    .build()))) {
                learner.trainer().initialize(new Shape(1, w0.length));
                model.getBlock()
                        .getParameters()
                        .get("weight")
                        .getArray()
                        .set(m.create(w0, new Shape(1, w0.length)).toFloatArray());
                Random order = new Random(seed);
                for (int e = 0; e < EPOCHS; e++) {
                    long[] p = InMemoryDataset.permutation(n, order);
                    for (int s = 0; s < n; s += batch) {
                        try (NDManager b = m.newSubManager()) {
                            long[] rows = java.util.Arrays.copyOfRange(p, s, Math.min(n, s + batch));
                            NDIndex pick = new NDIndex("{}", b.create(rows));
                            learner.trainBatch(train.x().get(b, pick), train.y().get(b, pick));
                        }
                    }
                }
                return model.getBlock().getParameters().get("weight").getArray().toFloatArray();
            }
        }
    }

    /** Batch 10 divides the 100 rows; with batch 30 the last batch has 10 rows and takes a step of its size. */
    @ParameterizedTest
    @ValueSource(ints = {BATCH, 30})
    void oneModelEqualsDjlLinearTrainedWithDjlsTrainerAndMseLoss(int batch) {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            PolyData data = PolyData.generate(new Random(5));
            InMemoryDataset train = PolyData.firstFeatures(m, data.train(m), 4);
            InMemoryDataset flat =
                    new InMemoryDataset(train.x().squeeze(0), train.y().squeeze(0));
            NDArray w = BatchedLinearModels.initWeights(m, 1, new int[] {4}, 4, new Random(9));
            float[] w0 = w.toFloatArray();
            BatchedLinearModels.train(
                    "test",
                    (g, j) -> "",
                    train,
                    new BatchedLinearModels.Models(w, BatchedLinearModels.mask(m, new int[] {4}, 4)),
                    new BatchedLinearModels.Sgd(EPOCHS, batch, LR, new Random(7)),
                    BatchedLinearModels.Logging.none());
            float[] expected = djlReference(m, flat, w0, batch, 7);
            assertArrayEquals(expected, w.toFloatArray(), 1e-5f);
        }
    }

    /** One index tensor per epoch is all that comes from the host (see HostTensors), however many batches. */
    @ParameterizedTest
    @ValueSource(ints = {50, 3})
    void onlyTheEpochsShuffleComesFromTheHost(int batch) {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset train =
                    PolyData.firstFeatures(m, PolyData.generate(new Random(5)).train(m), 4);
            NDArray w = BatchedLinearModels.initWeights(m, 1, new int[] {4}, 4, new Random(9));
            NDArray mask = BatchedLinearModels.mask(m, new int[] {4}, 4);
            assertEquals(
                    EPOCHS,
                    HostTensors.madeBy(() -> BatchedLinearModels.train(
                            "test",
                            (g, j) -> "",
                            train,
                            new BatchedLinearModels.Models(w, mask),
                            new BatchedLinearModels.Sgd(EPOCHS, batch, LR, new Random(7)),
                            BatchedLinearModels.Logging.none())));
        }
    }

    @Test
    void trainingLeavesNothingOnTheDataManager() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                NDManager dataManager = m.newSubManager()) {
            InMemoryDataset train = PolyData.firstFeatures(
                    dataManager, PolyData.generate(new Random(5)).train(dataManager), 4);
            NDArray w = BatchedLinearModels.initWeights(m, 1, new int[] {4}, 4, new Random(9));
            NDArray mask = BatchedLinearModels.mask(m, new int[] {4}, 4);
            int data = dataManager.getManagedArrays().size();
            int models = m.getManagedArrays().size();
            BatchedLinearModels.train(
                    "test",
                    (g, j) -> "",
                    train,
                    new BatchedLinearModels.Models(w, mask),
                    new BatchedLinearModels.Sgd(EPOCHS, BATCH, LR, new Random(7)),
                    new BatchedLinearModels.Logging(new int[] {1, EPOCHS}, List.of(train)));
            assertEquals(data, dataManager.getManagedArrays().size(), "arrays left on the data's manager");
            assertEquals(models, m.getManagedArrays().size(), "arrays left on the models' manager");
        }
    }

    @Test
    void modelsInAStackTrainAsIfAlone() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            PolyData data = PolyData.generate(new Random(5));
            InMemoryDataset all = PolyData.firstFeatures(m, data.train(m), 6);
            int[] used = {2, 6};
            NDArray stack = BatchedLinearModels.initWeights(m, 1, used, 6, new Random(9));
            float[] init = stack.toFloatArray(); // (1, 6, 2): init[f * 2 + d]
            BatchedLinearModels.Trace trace = BatchedLinearModels.train(
                    "test",
                    (g, j) -> "",
                    all,
                    new BatchedLinearModels.Models(stack, BatchedLinearModels.mask(m, used, 6)),
                    new BatchedLinearModels.Sgd(EPOCHS, BATCH, LR, new Random(7)),
                    new BatchedLinearModels.Logging(new int[] {1, EPOCHS}, List.of(all)));
            float[] got = stack.toFloatArray();
            assertEquals(0f, got[2 * 2], 0f, "features a model does not use stay 0");
            for (int d = 0; d < used.length; d++) {
                int k = used[d];
                InMemoryDataset alone = PolyData.firstFeatures(m, data.train(m), k);
                float[] w0 = new float[k];
                for (int f = 0; f < k; f++) {
                    w0[f] = init[f * 2 + d];
                }
                NDArray w = m.create(w0, new Shape(1, k, 1));
                BatchedLinearModels.Trace t = BatchedLinearModels.train(
                        "test",
                        (g, j) -> "",
                        alone,
                        new BatchedLinearModels.Models(w, BatchedLinearModels.mask(m, new int[] {k}, k)),
                        new BatchedLinearModels.Sgd(EPOCHS, BATCH, LR, new Random(7)),
                        new BatchedLinearModels.Logging(new int[] {1, EPOCHS}, List.of(alone)));
                float[] wa = w.toFloatArray();
                for (int f = 0; f < k; f++) {
                    assertEquals(wa[f], got[f * 2 + d], 1e-5f, "model " + d + " weight " + f);
                }
                assertEquals(t.loss()[1][0][0], trace.loss()[1][0][d], 1e-5f, "logged loss of model " + d);
            }
        }
    }

    @Test
    void firstAndEveryIsTheBooksLoggingSchedule() {
        int[] e = BatchedLinearModels.firstAndEvery(400, 20);
        assertEquals(21, e.length);
        assertEquals(1, e[0]);
        assertEquals(20, e[1]);
        assertEquals(400, e[20]);
    }

    @Test
    void polyDataIsTheBooksFunction() {
        PolyData d = PolyData.generate(new Random(1));
        for (int r = 0; r < 200; r++) {
            double x = d.x()[r];
            assertEquals(1f, d.features()[r * 20], 0f);
            assertEquals(x * x * x / 6, d.features()[r * 20 + 3], 1e-5 * (1 + Math.abs(x * x * x)));
            double clean = 5 + 1.2 * x - 3.4 * x * x / 2 + 5.6 * x * x * x / 6;
            assertEquals(clean, d.labels()[r], 0.5, "noise 0.1: five sigma");
        }
    }
}
