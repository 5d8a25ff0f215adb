package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.fast.InPlaceSgd;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class InPlaceSgdTest {

    @Test
    @Tag("slow") // over 10 s on a busy 2-core machine
    void givesBitForBitDjlsSgd() {
        float[] djl = SyntheticTraining.weightsAfterTwoEpochs(
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build(), true);
        float[] plain = SyntheticTraining.weightsAfterTwoEpochs(new InPlaceSgd(0.5f), false);
        assertArrayEquals(djl, plain, 0f);
    }
}
