package d2l.mlp.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s405_weight_decay.WeightDecayConcise;
import d2l.mlp.s406_dropout.BestMlpNetwork;
import d2l.mlp.s406_dropout.BestMlpTraining;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.s406_dropout.MlpBest;
import d2l.mlp.s410_kaggle_house.HouseTraining;
import d2l.mlp.s410_kaggle_house.KaggleHouse;
import d2l.mlp.s410_kaggle_house.KaggleHouseMlp;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.SyntheticTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast step gives what DJL's own {@code gc.backward} and {@code Trainer.step} give, bit for bit, with each
 * concise experiment's network and training config: the classifiers on random images, the weight-decay and
 * house-price nets on random rows.
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

    /** Every parameter of {@code net} after three epochs of batch 5 on 40 random rows of 20 features. */
    private static float[] regressionWeights(
            Supplier<Block> net, Function<Block, DefaultTrainingConfig> config, boolean djlStep) {
        TorchRuntime.seed(5);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance("step", Device.cpu())) {
            InMemoryDataset data =
                    new InMemoryDataset(m.randomNormal(new Shape(40, 20)), m.randomNormal(new Shape(40, 1)));
            model.setBlock(net.get());
            DefaultTrainingConfig c = config.apply(model.getBlock()).optDevices(new Device[] {Device.cpu()});
            try (ConciseLearner learner =
                    djlStep ? ConciseLearner.openWithDjlStep(model, c) : ConciseLearner.open(model, c)) {
                learner.trainer().initialize(new Shape(1, 20));
                Random order = new Random(7);
                for (int epoch = 0; epoch < 3; epoch++) {
                    data.forEachBatch(5, order, learner::trainBatch);
                }
                List<Float> all = new ArrayList<>();
                for (var p : model.getBlock().getParameters().values()) {
                    for (float v : p.getArray().toFloatArray()) {
                        all.add(v);
                    }
                }
                float[] out = new float[all.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = all.get(i);
                }
                return out;
            }
        }
    }

    @Test
    void weightDecayAndHousePriceNetsTrainAsWithDjlsOwnStep() {
        Supplier<Block> linear = () -> Linear.builder().setUnits(1).build();
        Function<Block, DefaultTrainingConfig> weightDecay =
                net -> WeightDecayConcise.trainingConfig((Linear) net, 0.003f, 3f);
        for (var recipe : List.of(KaggleHouse.linear(20), KaggleHouseMlp.mlp(8, 0.2f, 0.05f))) {
            Function<Block, DefaultTrainingConfig> adam = net -> HouseTraining.trainingConfig(recipe, 0.01);
            assertArrayEquals(
                    regressionWeights(recipe.net(), adam, true), regressionWeights(recipe.net(), adam, false), 0f);
        }
        assertArrayEquals(
                regressionWeights(linear, weightDecay, true), regressionWeights(linear, weightDecay, false), 0f);
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
