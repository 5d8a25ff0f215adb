package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import d2l.mlp.HostTensors;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s402_mlp_scratch.MlpScratch;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.s406_dropout.DropoutScratch;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Fashion-MNIST loop makes no tensor from Java values per batch (see {@link HostTensors}): on a GPU each would be
 * a host-to-device copy that stalls the host until the GPU has caught up.
 */
class HostCopiesTest {

    private static InMemoryDataset synthetic(NDManager m, int n) {
        return new InMemoryDataset(
                m.randomUniform(0f, 1f, new Shape(n, 28, 28)), m.randomInteger(0, 10, new Shape(n), DataType.INT64));
    }

    /** Train steps, predictions and the accuracy count over every batch of {@code data}, after one warm-up step. */
    private static long perEpoch(Learner learner, InMemoryDataset data) {
        data.forEachBatch(64, null, learner::trainBatch); // the first step creates the gradients
        return HostTensors.madeBy(() -> data.forEachBatch(64, null, (x, y) -> {
            learner.trainBatch(x, y);
            ClassifierTraining.correctCount(learner.predict(x), y);
        }));
    }

    @Test
    void theCounterSeesANumberOperand() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.ones(new Shape(3));
            assertEquals(2, HostTensors.madeBy(() -> x.mul(2f).gt(1f)));
            assertEquals(
                    0,
                    HostTensors.madeBy(() -> x.mul(TorchRuntime.scalar(x, 2f)).gt(TorchRuntime.scalar(x, 1f))));
        }
    }

    @Test
    void batchesAreGatheredOnTheDeviceWithOneIndexTensorPerEpoch() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = synthetic(m, 300); // 5 batches of 64 and one of 44
            assertEquals(0, HostTensors.madeBy(() -> data.forEachBatch(64, null, (x, y) -> {})));
            assertEquals(1, HostTensors.madeBy(() -> data.forEachBatch(64, new Random(1), (x, y) -> {})));
        }
    }

    @Test
    void scratchNetsCopyNothingPerBatch() {
        TorchRuntime.seed(4);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = synthetic(m, 300);
            List<NDArray> mlp = MlpScratch.initParams(m);
            assertEquals(
                    0,
                    perEpoch(
                            new ScratchLearner(mlp, x -> MlpScratch.net(mlp, x), x -> MlpScratch.net(mlp, x), 0.1),
                            data),
                    "mlp-scratch");
            List<NDArray> dropout = DropoutScratch.initParams(m);
            assertEquals(
                    0,
                    perEpoch(
                            new ScratchLearner(
                                    dropout,
                                    x -> DropoutScratch.net(dropout, x, true),
                                    x -> DropoutScratch.net(dropout, x, false),
                                    0.5),
                            data),
                    "dropout-scratch");
        }
    }

    @Test
    void conciseNetsCopyNothingPerBatch() {
        TorchRuntime.seed(4);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = synthetic(m, 300);
            assertEquals(0, conciseEpoch(MlpConcise.net(), data), "mlp-concise");
            assertEquals(0, conciseEpoch(DropoutConcise.net(), data), "dropout-concise");
        }
    }

    private static long conciseEpoch(Block net, InMemoryDataset data) {
        try (Model model = Model.newInstance(
                "host-copies", Device.cpu(), TorchRuntime.engine().getEngineName())) {
            model.setBlock(net);
            try (ConciseLearner learner =
                    ConciseLearner.open(model, ConciseLearner.classifierConfig(0.1, Device.cpu()))) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                return perEpoch(learner, data);
            }
        }
    }
}
