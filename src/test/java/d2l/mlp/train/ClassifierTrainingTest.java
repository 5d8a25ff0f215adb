package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.Printed;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s402_mlp_scratch.MlpScratch;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The training loop on small synthetic data: no leaks, and a clear stop on divergence. */
class ClassifierTrainingTest {

    private static FashionMnist.Data synthetic(NDManager m) {
        return SyntheticTraining.data(m, 1000, 300);
    }

    /** {@code n} epochs of batch 64, shuffled from seed 1. */
    private static RunConfig epochs(int n) {
        return RunConfig.none().withEpochs(n).withBatchSize(64).withSeed(1);
    }

    @Test
    void theLogNamesTheHeldOutSplitAsItIs() {
        TorchRuntime.seed(3);
        String printed;
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = synthetic(m);
            List<NDArray> params = MlpScratch.initParams(m);
            ScratchLearner learner =
                    new ScratchLearner(params, x -> MlpScratch.net(params, x), x -> MlpScratch.net(params, x), 0.1);
            printed = Printed.by(() -> ClassifierTraining.train("sweep", learner, data, "validation", epochs(1)));
        }
        assertTrue(printed.contains(", validation acc 0."), printed);
        assertFalse(printed.contains("test acc"), printed);
    }

    @Test
    void scratchTrainingLeavesNoArraysBehind() {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = synthetic(m);
            List<NDArray> params = MlpScratch.initParams(m);
            ScratchLearner learner =
                    new ScratchLearner(params, x -> MlpScratch.net(params, x), x -> MlpScratch.net(params, x), 0.1);
            ClassifierTraining.train(
                    "leak-check", learner, data, "test", epochs(1)); // first epoch may create gradients
            int before = m.getManagedArrays().size();
            List<EpochStats> h = ClassifierTraining.train("leak-check", learner, data, "test", epochs(3));
            assertEquals(before, m.getManagedArrays().size(), "arrays left on the long-lived manager");
            assertEquals(3, h.size());
        }
    }

    @Test
    @Tag("slow") // over 10 s on a busy 2-core machine
    void conciseTrainingLeavesNoArraysBehind() {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance("leak", Device.cpu())) {
            FashionMnist.Data data = synthetic(m);
            model.setBlock(MlpConcise.net());
            try (ConciseLearner learner =
                    ConciseLearner.open(model, ConciseLearner.classifierConfig(0.1, Device.cpu()))) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                ClassifierTraining.train("leak-check", learner, data, "test", epochs(1));
                int data0 = m.getManagedArrays().size();
                int model0 = model.getNDManager().getManagedArrays().size();
                ClassifierTraining.train("leak-check", learner, data, "test", epochs(3));
                assertEquals(data0, m.getManagedArrays().size(), "arrays left on the data manager");
                assertEquals(model0, model.getNDManager().getManagedArrays().size(), "arrays left on the model");
            }
        }
    }

    @Test
    void aDivergingRunStopsNamingTheEpoch() {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = synthetic(m);
            List<NDArray> params = MlpScratch.initParams(m);
            ScratchLearner learner =
                    new ScratchLearner(params, x -> MlpScratch.net(params, x), x -> MlpScratch.net(params, x), 1e30);
            TrainingDivergedException e = assertThrows(
                    TrainingDivergedException.class,
                    () -> ClassifierTraining.train("huge-lr", learner, data, "test", epochs(5)));
            assertTrue(e.getMessage().startsWith("huge-lr: training loss became"), e.getMessage());
            assertEquals(1, e.epoch(), e.getMessage());
        }
    }
}
