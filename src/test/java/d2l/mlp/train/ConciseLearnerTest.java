package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The learner's own step (optimizer handed the parameters' own gradients) against DJL's {@code Trainer.step()}. */
class ConciseLearnerTest {

    /** Trains the concise MLP for two epochs on synthetic data; all its weights, flattened. */
    private static float[] train(Optimizer optimizer, boolean ownStep) {
        TorchRuntime.seed(5);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance("step", Device.cpu())) {
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
                ConciseLearner learner = ownStep ? new ConciseLearner(trainer, cfg, null) : new ConciseLearner(trainer);
                ClassifierTraining.train("step", learner, data, 2, 64, 0.5, 5);
                return model.getBlock().getParameters().values().stream()
                        .map(p -> p.getArray().toFloatArray())
                        .reduce((a, b) -> {
                            float[] c = Arrays.copyOf(a, a.length + b.length);
                            System.arraycopy(b, 0, c, a.length, b.length);
                            return c;
                        })
                        .orElseThrow();
            }
        }
    }

    private static void assertSameAsTrainerStep(java.util.function.Supplier<Optimizer> optimizer) {
        float[] viaTrainer = train(optimizer.get(), false);
        float[] own = train(optimizer.get(), true);
        float[] initial = train(new SgdWithoutDecay(0f), true); // lr 0: the weights as initialized
        assertTrue(!Arrays.equals(initial, own), "training did not change the weights");
        assertArrayEquals(viaTrainer, own, 0f);
    }

    @Test
    void ownStepWithSgdWithoutDecayIsTrainerStepBitForBit() {
        assertSameAsTrainerStep(() -> new SgdWithoutDecay(0.5f));
    }

    @Test
    void ownStepWithAdamIsTrainerStepBitForBit() {
        assertSameAsTrainerStep(() -> Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(0.01f))
                .optWeightDecays(0.01f)
                .build());
    }
}
