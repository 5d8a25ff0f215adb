package d2l.mlp.s43_mlp_concise;

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
import d2l.mlp.cli.Main;
import d2l.mlp.core.Book;
import d2l.mlp.core.Djl;
import d2l.mlp.core.RunConfig;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.train.Ch3;
import d2l.mlp.train.PlainSgd;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochStats;
import d2l.mlp.train.TrainResult;
import java.io.IOException;
import java.util.List;

/**
 * Section 4.3: the same MLP from DJL blocks: flatten, Linear(256), ReLU, Linear(10); weights N(0, 0.01²), biases
 * DJL's default (zeros); DJL's SGD through a {@link Trainer}.
 */
public final class MlpConcise {

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

    /**
     * Softmax cross-entropy, SGD at {@code lr}, weights N(0, 0.01²), on {@code device}. The SGD is {@link PlainSgd}:
     * bit for bit DJL's {@code Sgd} without weight decay, in fewer passes over memory (about 10% faster per epoch
     * here).
     */
    public static DefaultTrainingConfig trainingConfig(double lr, Device device) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(new PlainSgd((float) lr))
                .optInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {device});
    }

    public static TrainResult run(RunConfig cfg) throws IOException {
        Djl.seed(cfg.seed());
        Device device = Djl.device(cfg.device());
        try (NDManager m = Djl.newManager(device);
                Model model = Model.newInstance("mlp-concise", device, Djl.engine().getEngineName())) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            model.setBlock(net());
            try (Trainer trainer = model.newTrainer(trainingConfig(cfg.lr(), device))) {
                trainer.initialize(new Shape(1, 28, 28));
                ConciseLearner learner = new ConciseLearner(trainer);
                List<EpochStats> history = Ch3.train("mlp-concise", learner, data, cfg);
                return TrainResult.of("MLP concise", history, learner, data.test(), Book.CONCISE_LOSS,
                        Book.CONCISE_TRAIN_ACC, Book.CONCISE_TEST_ACC);
            }
        }
    }

    public static void main(String[] args) {
        Main.runOne("mlp-concise", args);
    }
}
