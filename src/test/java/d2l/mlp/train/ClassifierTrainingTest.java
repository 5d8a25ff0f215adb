package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s402_mlp_scratch.MlpScratch;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The training loop on small synthetic data: no leaks, and a clear stop on divergence. */
class ClassifierTrainingTest {

    private static FashionMnist.Data synthetic(NDManager m) {
        return new FashionMnist.Data(
                new InMemoryDataset(
                        m.randomUniform(0f, 1f, new Shape(1000, 28, 28)),
                        m.randomInteger(0, 10, new Shape(1000), DataType.INT64)),
                new InMemoryDataset(
                        m.randomUniform(0f, 1f, new Shape(300, 28, 28)),
                        m.randomInteger(0, 10, new Shape(300), DataType.INT64)));
    }

    @Test
    void scratchTrainingLeavesNoArraysBehind() {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = synthetic(m);
            List<NDArray> params = MlpScratch.initParams(m);
            ScratchLearner learner =
                    new ScratchLearner(params, x -> MlpScratch.net(params, x), x -> MlpScratch.net(params, x), 0.1);
            ClassifierTraining.train("leak-check", learner, data, 1, 64, 0.1, 1); // first epoch may create gradients
            int before = m.getManagedArrays().size();
            List<EpochStats> h = ClassifierTraining.train("leak-check", learner, data, 3, 64, 0.1, 1);
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
            DefaultTrainingConfig config = ConciseLearner.classifierConfig(0.1, Device.cpu());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 28, 28));
                ConciseLearner learner = new ConciseLearner(trainer, config, null); // as the experiments
                ClassifierTraining.train("leak-check", learner, data, 1, 64, 0.1, 1);
                int data0 = m.getManagedArrays().size();
                int model0 = model.getNDManager().getManagedArrays().size();
                ClassifierTraining.train("leak-check", learner, data, 3, 64, 0.1, 1);
                assertEquals(data0, m.getManagedArrays().size(), "arrays left on the data manager");
                assertEquals(model0, model.getNDManager().getManagedArrays().size(), "arrays left on the model");
            }
        }
    }

    @Test
    void aDivergingRunStopsNamingEpochAndLearningRate() {
        TorchRuntime.seed(3);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            FashionMnist.Data data = synthetic(m);
            List<NDArray> params = MlpScratch.initParams(m);
            ScratchLearner learner =
                    new ScratchLearner(params, x -> MlpScratch.net(params, x), x -> MlpScratch.net(params, x), 1e30);
            TrainingDivergedException e = assertThrows(
                    TrainingDivergedException.class,
                    () -> ClassifierTraining.train("huge-lr", learner, data, 5, 64, 1e30, 1));
            assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("1.0E30"), e.getMessage());
        }
    }
}
