package d2l.mlp.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The fixture of the bit-for-bit comparisons of steps and optimizers: the concise MLP trained for two epochs on
 * random 28×28 images, its weights read back flattened.
 */
public final class SyntheticTraining {

    private SyntheticTraining() {}

    /** 600 training and 100 test images, uniform pixels, random labels, drawn from libtorch's generator. */
    public static FashionMnist.Data data(NDManager m, int trainRows, int testRows) {
        return new FashionMnist.Data(
                new InMemoryDataset(
                        m.randomUniform(0f, 1f, new Shape(trainRows, 28, 28)),
                        m.randomInteger(0, 10, new Shape(trainRows), DataType.INT64)),
                new InMemoryDataset(
                        m.randomUniform(0f, 1f, new Shape(testRows, 28, 28)),
                        m.randomInteger(0, 10, new Shape(testRows), DataType.INT64)));
    }

    /**
     * Every weight of the concise MLP after two epochs with {@code optimizer}, through {@link ConciseLearner}'s fast
     * step or, with {@code djlStep}, through DJL's own backward and {@link Trainer#step} (the reference).
     */
    public static float[] weightsAfterTwoEpochs(Optimizer optimizer, boolean djlStep) {
        return weightsAfterTwoEpochs(
                MlpConcise::net,
                ConciseLearner.classifierConfig(0.5, Device.cpu()).optOptimizer(optimizer),
                djlStep);
    }

    /** Every weight of {@code net} after two epochs as {@code config} says, on the CPU. */
    public static float[] weightsAfterTwoEpochs(Supplier<Block> net, DefaultTrainingConfig config, boolean djlStep) {
        TorchRuntime.seed(5);
        try (NDManager m = TorchRuntime.newManager(Device.cpu());
                Model model = Model.newInstance("step", Device.cpu())) {
            FashionMnist.Data data = data(m, 600, 100);
            model.setBlock(net.get());
            config.optDevices(new Device[] {Device.cpu()});
            try (ConciseLearner learner =
                    djlStep ? ConciseLearner.openWithDjlStep(model, config) : ConciseLearner.open(model, config)) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                ClassifierTraining.train(
                        "step",
                        learner,
                        data,
                        "test",
                        RunConfig.none().withEpochs(2).withBatchSize(64).withSeed(5));
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
}
