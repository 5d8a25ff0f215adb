package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.fast.InPlaceSgd;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The learner's fast step (optimizer handed the parameters' own gradients) against DJL's {@code Trainer.step()}. */
class ConciseLearnerTest {

    private static void assertSameAsTrainerStep(java.util.function.Supplier<Optimizer> optimizer) {
        float[] viaTrainer = SyntheticTraining.weightsAfterTwoEpochs(optimizer.get(), true);
        float[] own = SyntheticTraining.weightsAfterTwoEpochs(optimizer.get(), false);
        float[] initial =
                SyntheticTraining.weightsAfterTwoEpochs(new InPlaceSgd(0f), false); // lr 0: the weights as initialized
        assertTrue(!Arrays.equals(initial, own), "training did not change the weights");
        assertArrayEquals(viaTrainer, own, 0f);
    }

    @Test
    void ownStepWithInPlaceSgdIsTrainerStepBitForBit() {
        assertSameAsTrainerStep(() -> new InPlaceSgd(0.5f));
    }

    @Test
    void ownStepWithAdamIsTrainerStepBitForBit() {
        assertSameAsTrainerStep(() -> Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(0.01f))
                .optWeightDecays(0.01f)
                .build());
    }
}
