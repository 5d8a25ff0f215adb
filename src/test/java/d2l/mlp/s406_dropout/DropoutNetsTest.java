package d2l.mlp.s406_dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.scratch.TorchInit;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.ScratchLearner;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The two dropout networks: initialization, training vs evaluation mode, no leaks. */
class DropoutNetsTest {

    /** PyTorch's U(−1/√fanIn, 1/√fanIn); the distribution is checked only where there are enough values. */
    static void assertUniform(NDArray a, long fanIn, String what) {
        float b = TorchInit.bound(fanIn);
        double max = a.abs().max().getFloat();
        assertTrue(max <= b && max > 0, what + ": max |value| " + max + ", bound 1/sqrt(" + fanIn + ") = " + b);
        if (a.size() >= 256) { // enough draws to pin the distribution: near the bound, variance b²/3
            assertTrue(max > 0.95 * b, what + ": max |value| " + max + " far below the bound " + b);
            assertEquals(b * b / 3, a.square().mean().getFloat(), b * b / 3 * 0.2, what + ": variance");
        }
    }

    @Test
    void scratchParamsFollowPyTorchsDefaultLinearInit() {
        TorchRuntime.seed(1);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            List<NDArray> p = DropoutScratch.initParams(m);
            long[][] shapes = {{784, 256}, {256}, {256, 256}, {256}, {256, 10}, {10}};
            long[] fanIn = {784, 784, 256, 256, 256, 256};
            for (int i = 0; i < 6; i++) {
                assertEquals(new Shape(shapes[i]), p.get(i).getShape());
                assertUniform(p.get(i), fanIn[i], "param " + i);
            }
        }
    }

    @Test
    void scratchNetDropsOnlyInTraining() {
        TorchRuntime.seed(2);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            List<NDArray> p = DropoutScratch.initParams(m);
            NDArray x = m.randomUniform(0f, 1f, new Shape(32, 28, 28));
            assertEquals(DropoutScratch.net(p, x, false), DropoutScratch.net(p, x, false));
            assertNotEquals(DropoutScratch.net(p, x, true), DropoutScratch.net(p, x, true));
        }
    }

    @Test
    void conciseNetHasNormalWeightsTorchBiasesAndDropsOnlyInTraining() throws Exception {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance(
                        "t", Device.cpu(), TorchRuntime.engine().getEngineName())) {
            SequentialBlock net = DropoutConcise.net(); // as production: the biases' initializer set here
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(ConciseLearner.classifierConfig(0.5, Device.cpu()))) {
                trainer.initialize(new Shape(1, 28, 28));
                long[] fanIn = {784, 256, 256};
                int k = 0;
                for (Block b : net.getChildren().values()) {
                    if (b instanceof Linear) {
                        NDArray w = b.getParameters().get("weight").getArray();
                        assertEquals(0.01, Math.sqrt(w.square().mean().getFloat()), 0.001, "weight std");
                        assertUniform(b.getParameters().get("bias").getArray(), fanIn[k++], "bias");
                    }
                }
                assertEquals(3, k);
                NDArray x = m.randomUniform(0f, 1f, new Shape(32, 28, 28));
                assertEquals(
                        trainer.evaluate(new NDList(x)).singletonOrThrow(),
                        trainer.evaluate(new NDList(x)).singletonOrThrow());
                assertNotEquals(
                        trainer.forward(new NDList(x)).singletonOrThrow(),
                        trainer.forward(new NDList(x)).singletonOrThrow());
            }
        }
    }

    @Test
    @Tag("slow") // over 10 s on a busy 2-core machine
    void scratchDropoutTrainingLeavesNoArraysBehind() {
        TorchRuntime.seed(4);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = new FashionMnist.Data(
                    new InMemoryDataset(
                            m.randomUniform(0f, 1f, new Shape(600, 28, 28)),
                            m.randomInteger(0, 10, new Shape(600), DataType.INT64)),
                    new InMemoryDataset(
                            m.randomUniform(0f, 1f, new Shape(200, 28, 28)),
                            m.randomInteger(0, 10, new Shape(200), DataType.INT64)));
            List<NDArray> p = DropoutScratch.initParams(m);
            ScratchLearner learner = new ScratchLearner(
                    p, x -> DropoutScratch.net(p, x, true), x -> DropoutScratch.net(p, x, false), 0.5);
            RunConfig oneEpoch =
                    RunConfig.none().withEpochs(1).withBatchSize(64).withSeed(1);
            ClassifierTraining.train("leak-check", learner, data, "test", oneEpoch);
            int before = m.getManagedArrays().size();
            ClassifierTraining.train("leak-check", learner, data, "test", oneEpoch.withEpochs(2));
            assertEquals(before, m.getManagedArrays().size(), "arrays left on the long-lived manager");
        }
    }
}
