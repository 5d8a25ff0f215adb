package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SgdWithoutDecayTest {

    /** Trains the concise MLP for two epochs on synthetic data and returns all its weights, flattened. */
    private static float[] train(Optimizer optimizer) {
        TorchRuntime.seed(5);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance("sgd", Device.cpu())) {
            FashionMnist.Data data = new FashionMnist.Data(
                    new InMemoryDataset(
                            m.randomUniform(0f, 1f, new Shape(600, 28, 28)),
                            m.randomInteger(0, 10, new Shape(600), DataType.INT64)),
                    new InMemoryDataset(
                            m.randomUniform(0f, 1f, new Shape(100, 28, 28)),
                            m.randomInteger(0, 10, new Shape(100), DataType.INT64)));
            model.setBlock(MlpConcise.net());
            DefaultTrainingConfig cfg =
                    ConciseLearner.classifierConfig(0.5, Device.cpu()).optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(1, 28, 28));
                ClassifierTraining.train("sgd", new ConciseLearner(trainer), data, 2, 64, 0.5, 5);
                return model.getBlock().getParameters().values().stream()
                        .map(p -> p.getArray().toFloatArray())
                        .reduce((a, b) -> {
                            float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
                            System.arraycopy(b, 0, c, a.length, b.length);
                            return c;
                        })
                        .orElseThrow();
            }
        }
    }

    @Test
    @Tag("slow") // over 10 s on a busy 2-core machine
    void givesBitForBitDjlsSgd() {
        float[] djl = train(
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build());
        float[] plain = train(new SgdWithoutDecay(0.5f));
        assertArrayEquals(djl, plain, 0f);
    }
}
