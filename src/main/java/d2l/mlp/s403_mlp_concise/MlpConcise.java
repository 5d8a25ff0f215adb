package d2l.mlp.s403_mlp_concise;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.SgdWithoutDecay;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochStats;
import d2l.mlp.train.ClassifierResult;
import java.io.IOException;
import java.util.List;

/**
 * Section 4.3: the same MLP from DJL blocks: flatten, Linear(256), ReLU, Linear(10); weights N(0, 0.01²), biases
 * DJL's default (zeros); DJL's SGD through a {@link Trainer}.
 */
public final class MlpConcise {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment("mlp-concise", "4.3",
            "MLP 784-256-10 with DJL blocks on Fashion-MNIST", MlpConcise::defaults, MlpConcise::run);

    private MlpConcise() {}

    /** The book's setting: 10 epochs, lr 0.1, batch 256. */
    public static RunConfig defaults() {
        return RunConfig.of(10, 0.1, 256);
    }

    /** The network of the section. */
    public static SequentialBlock net() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock(784))
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
    }

    public static ClassifierResult run(RunConfig cfg) throws IOException {
        TorchRuntime.seed(cfg.seed());
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device);
                Model model = Model.newInstance("mlp-concise", device, TorchRuntime.engine().getEngineName())) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            model.setBlock(net());
            try (Trainer trainer = model.newTrainer(ConciseLearner.classifierConfig(cfg.lr(), device))) {
                trainer.initialize(new Shape(1, 28, 28));
                ConciseLearner learner = new ConciseLearner(trainer);
                List<EpochStats> history = ClassifierTraining.train("mlp-concise", learner, data, cfg);
                return ClassifierResult.of("MLP concise", history, learner, data.test(), BookNumbers.CONCISE_LOSS,
                        BookNumbers.CONCISE_TRAIN_ACC, BookNumbers.CONCISE_TEST_ACC);
            }
        }
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
