package d2l.mlp.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s406_dropout.BestMlpNetwork;
import d2l.mlp.s406_dropout.BestMlpTraining;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.s406_dropout.MlpBest;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.SyntheticTraining;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast step gives what DJL's own {@code gc.backward} and {@code Trainer.step} give, bit for bit, with each
 * concise classifier's network and training config (two epochs of 10 batches on random images).
 */
class FastStepTest {

    private static void assertSameAsDjlStep(Supplier<Block> net, Supplier<DefaultTrainingConfig> config) {
        float[] djl = SyntheticTraining.weightsAfterTwoEpochs(net, config.get(), true);
        float[] fast = SyntheticTraining.weightsAfterTwoEpochs(net, config.get(), false);
        assertArrayEquals(djl, fast, 0f);
    }

    @Test
    @Tag("slow") // four nets trained twice
    void everyConciseClassifierTrainsAsWithDjlsOwnStep() {
        assertSameAsDjlStep(MlpConcise::net, () -> MlpConcise.trainingConfig(0.5));
        assertSameAsDjlStep(DropoutConcise::net, () -> DropoutConcise.trainingConfig(0.5));
        assertSameAsDjlStep(MlpConcise::net, () -> ConciseLearner.classifierConfig(0.5, Device.cpu())); // 4.9's nets
        assertSameAsDjlStep(
                () -> {
                    SequentialBlock net = BestMlpNetwork.net(MlpBest.CHOSEN);
                    BestMlpNetwork.torchInit(net, MlpBest.CHOSEN);
                    return net;
                },
                () -> BestMlpTraining.trainingConfig(1e-3, 20, Device.cpu()));
    }

    @Test
    void onlyDjlsPlainSgdIsReplaced() {
        Optimizer plain =
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
        assertInstanceOf(InPlaceSgd.class, InPlaceSgd.twinOf(plain));
        for (Optimizer other : Arrays.asList(
                Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(0.1f))
                        .optMomentum(0.9f)
                        .build(),
                Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(0.1f))
                        .optWeightDecays(0.01f)
                        .build(),
                Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(0.1f))
                        .optClipGrad(1f)
                        .build(),
                Optimizer.sgd()
                        .setLearningRateTracker(Tracker.cosine()
                                .setBaseValue(0.1f)
                                .setMaxUpdates(10)
                                .build())
                        .build(),
                Optimizer.adam().build())) {
            assertSame(other, InPlaceSgd.twinOf(other));
        }
        assertFalse(InPlaceSgd.twinOf(plain) == plain);
    }
}
