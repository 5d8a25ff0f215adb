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
import d2l.mlp.core.Djl;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.Tensors;
import d2l.mlp.s43_mlp_concise.MlpConcise;
import org.junit.jupiter.api.Test;

class PlainSgdTest {

    /** Trains the concise MLP for two epochs on synthetic data and returns all its weights, flattened. */
    private static float[] train(Optimizer optimizer) {
        Djl.seed(5);
        try (NDManager m = Djl.newManager(Device.cpu()); Model model = Model.newInstance("sgd", Device.cpu())) {
            FashionMnist.Data data = new FashionMnist.Data(
                    new Tensors(m.randomUniform(0f, 1f, new Shape(600, 28, 28)),
                            m.randomInteger(0, 10, new Shape(600), DataType.INT64)),
                    new Tensors(m.randomUniform(0f, 1f, new Shape(100, 28, 28)),
                            m.randomInteger(0, 10, new Shape(100), DataType.INT64)));
            model.setBlock(MlpConcise.net());
            DefaultTrainingConfig cfg = MlpConcise.trainingConfig(0.5, Device.cpu()).optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(1, 28, 28));
                Ch3.train("sgd", new ConciseLearner(trainer), data, 2, 64, 0.5, 5);
                return model.getBlock().getParameters().values().stream()
                        .map(p -> p.getArray().toFloatArray())
                        .reduce((a, b) -> {
                            float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
                            System.arraycopy(b, 0, c, a.length, b.length);
                            return c;
                        }).orElseThrow();
            }
        }
    }

    @Test
    void plainSgdGivesBitForBitDjlsSgd() {
        float[] djl = train(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build());
        float[] plain = train(new PlainSgd(0.5f));
        assertArrayEquals(djl, plain, 0f);
    }
}
