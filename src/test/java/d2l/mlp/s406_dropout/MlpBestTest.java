package d2l.mlp.s406_dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.Printed;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s406_dropout.BestMlpNetwork.Candidate;
import d2l.mlp.s406_dropout.BestMlpTraining.Standardization;
import d2l.mlp.s406_dropout.BestMlpTraining.Trained;
import d2l.mlp.s406_dropout.MlpBestSweep.Row;
import d2l.mlp.scratch.TorchInit;
import d2l.mlp.train.EpochStats;
import d2l.mlp.train.TrainingDivergedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of mlp-best: standardization, the validation split and choice, the network and its schedule. */
class MlpBestTest {

    /** A run whose second split's accuracy after each epoch is {@code acc}. */
    private static Trained run(double... acc) {
        List<EpochStats> history = new java.util.ArrayList<>();
        for (int i = 0; i < acc.length; i++) {
            history.add(new EpochStats(i + 1, 0.5, 0.8, acc[i], 1));
        }
        return new Trained(history, acc.length);
    }

    @Test
    void standardizationUsesOneMeanAndStdOfTheGivenRows() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 2, 2));
            Standardization s = Standardization.of(x);
            assertEquals(4.5, s.mean(), 1e-6);
            assertEquals(Math.sqrt(5.25), s.std(), 1e-6); // population std of 1..8
            NDArray z = s.apply(x);
            assertEquals(0, z.mean().getFloat(), 1e-6);
            assertEquals(1, z.square().mean().getFloat(), 1e-5);
            assertEquals(new Shape(2, 2, 2), z.getShape());
            // other rows get the same affine map, not their own statistics
            NDArray other = s.apply(m.create(new float[] {4.5f, 4.5f + (float) Math.sqrt(5.25)}));
            assertEquals(0, other.getFloat(0), 1e-6);
            assertEquals(1, other.getFloat(1), 1e-6);
        }
    }

    @Test
    void standardizationLeavesOnlyItsResultOnTheDataManager() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 4));
            FashionMnist.Data data = new FashionMnist.Data(
                    new InMemoryDataset(x, m.create(new int[] {0, 1})),
                    new InMemoryDataset(x.add(1f), m.create(new int[] {1, 0})));
            int before = m.getManagedArrays().size();
            FashionMnist.Data standardized = Standardization.of(x).apply(data);
            assertEquals(before + 2, m.getManagedArrays().size(), "the two standardized inputs and nothing else");
            assertFalse(x.isReleased(), "x is still usable");
            assertEquals(0, standardized.train().x().mean().getFloat(), 1e-6);
        }
    }

    @Test
    void theSweepChoosesByFinalValidationAccuracyFirstOfEquals() {
        Candidate a = new Candidate(List.of(256, 256), 0.2);
        Candidate b = new Candidate(List.of(512, 256), 0.2);
        Candidate c = new Candidate(List.of(512, 256), 0.5);
        // b is best after the last epoch although c was better earlier
        assertEquals(
                b,
                MlpBestSweep.choose(List.of(
                        new Row(a, run(0.85, 0.89)), new Row(b, run(0.80, 0.90)), new Row(c, run(0.95, 0.88)))));
        assertEquals(a, MlpBestSweep.choose(List.of(new Row(a, run(0.9)), new Row(b, run(0.9)))));
    }

    @Test
    void theSweepLogsItsHeldOutAccuracyAsValidationAccuracy() {
        TorchRuntime.seed(3);
        String printed;
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomNormal(new Shape(64, 28, 28));
            NDArray y = m.randomInteger(0, 10, new Shape(64), DataType.INT64);
            FashionMnist.Data split = new FashionMnist.Data(new InMemoryDataset(x, y), new InMemoryDataset(x, y));
            RunConfig cfg = MlpBest.defaults().withEpochs(1).withBatchSize(16);
            printed = Printed.by(
                    () -> MlpBestSweep.trainCandidate(new Candidate(List.of(8), 0), split, cfg, Device.cpu()));
        }
        assertTrue(printed.contains(", validation acc "), printed);
        assertFalse(printed.contains("test acc"), printed);
    }

    @Test
    void validationSplitKeepsRowsInOrder() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.arange(0f, 10f * 4).reshape(10, 2, 2);
            NDArray y = m.arange(0, 10, 1, DataType.INT64);
            FashionMnist.Data split = MlpBestSweep.validationSplit(new InMemoryDataset(x, y), 7);
            assertEquals(7, split.train().size());
            assertEquals(3, split.test().size());
            assertEquals(6, split.train().y().getLong(6));
            assertEquals(7, split.test().y().getLong(0));
            assertEquals(28f, split.test().x().getFloat(0, 0, 0));
            assertThrows(
                    IllegalArgumentException.class, () -> MlpBestSweep.validationSplit(new InMemoryDataset(x, y), 10));
        }
    }

    @Test
    void chosenNetHasTheWidthsDropoutAndPyTorchDefaultInit() throws Exception {
        Candidate c = MlpBest.CHOSEN;
        TorchRuntime.seed(5);
        try (Model model =
                Model.newInstance("t", Device.cpu(), TorchRuntime.engine().getEngineName())) {
            SequentialBlock net = BestMlpNetwork.net(c);
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(BestMlpTraining.trainingConfig(1e-3, 100, Device.cpu()))) {
                BestMlpNetwork.torchInit(net, c);
                trainer.initialize(new Shape(1, 28, 28));
                long[][] shapes = {{512, 784}, {256, 512}, {10, 256}};
                long[] fanIn = {784, 512, 256};
                int linear = 0;
                int dropouts = 0;
                for (Block b : net.getChildren().values()) {
                    if (b instanceof Dropout) {
                        dropouts++;
                    }
                    if (b instanceof Linear) {
                        NDArray w = b.getParameters().get("weight").getArray();
                        NDArray bias = b.getParameters().get("bias").getArray();
                        assertEquals(new Shape(shapes[linear]), w.getShape());
                        float bound = TorchInit.bound(fanIn[linear]);
                        DropoutNetsTest.assertUniform(w, fanIn[linear], "weight " + linear);
                        DropoutNetsTest.assertUniform(bias, fanIn[linear], "bias " + linear);
                        // U(-b, b) has variance b²/3; DJL's default would not
                        assertEquals(bound * bound / 3, w.square().mean().getFloat(), bound * bound / 3 * 0.05);
                        linear++;
                    }
                }
                assertEquals(3, linear);
                assertEquals(2, dropouts);
            }
        }
    }

    @Test
    void learningRateFallsAlongACosineToZero() {
        Tracker cosine = BestMlpTraining.cosine(1e-3, 4700);
        assertEquals(1e-3, cosine.getNewValue(0), 1e-9);
        assertEquals(0.5e-3, cosine.getNewValue(2350), 1e-7);
        assertEquals(0, cosine.getNewValue(4700), 1e-9);
        assertEquals(0, cosine.getNewValue(5000), 1e-9);
        assertEquals(235, BestMlpTraining.stepsPerEpoch(60_000, 256));
        assertEquals(196, BestMlpTraining.stepsPerEpoch(50_000, 256));
    }

    @Test
    void aDivergenceNamesTheRateAdamWasUsing() {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomNormal(new Shape(64, 28, 28));
            NDArray y = m.randomInteger(0, 10, new Shape(64), DataType.INT64);
            FashionMnist.Data data = new FashionMnist.Data(new InMemoryDataset(x, y), new InMemoryDataset(x, y));
            RunConfig cfg = MlpBest.defaults().withEpochs(4).withBatchSize(16).withLr(1e30);
            TrainingDivergedException e = assertThrows(
                    TrainingDivergedException.class,
                    () -> BestMlpTraining.train(
                            "huge-lr", new Candidate(List.of(8), 0), data, "validation", cfg, Device.cpu()));
            // 16 steps in all; at the end of epoch e the cosine schedule has taken 4e steps: lr·(1 + cos(π·4e/16))/2
            int steps = 4 * e.epoch();
            double rate = 1e30 * (1 + Math.cos(Math.PI * steps / 16)) / 2;
            String expected = String.format(
                    "with Adam's learning rate at %.3g after %d of 16 steps (cosine decay from 1.0E30)", rate, steps);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void candidatesNeedAHiddenLayerAndADropoutRateBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new Candidate(List.of(), 0.2));
        assertThrows(IllegalArgumentException.class, () -> new Candidate(List.of(256), 1.0));
        assertEquals("512-256 d0.2", MlpBest.CHOSEN.label());
    }
}
