package d2l.mlp.s403_mlp_concise;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.scratch.TorchInit;
import d2l.mlp.train.ClassifierTraining;
import java.io.IOException;

/**
 * Section 4.3: the same MLP from DJL blocks: flatten, Linear(256), ReLU, Linear(10); weights N(0, 0.01²) as the
 * book's {@code init_weights}; biases keep PyTorch's default U(−1/√fan_in, 1/√fan_in), since the book leaves them
 * alone ({@link TorchInit}); softmax cross-entropy and DJL's SGD through a {@link Trainer}, in the book's
 * {@code train_ch3}.
 */
public final class MlpConcise {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "mlp-concise",
            "4.3",
            "MLP 784-256-10 with DJL blocks on Fashion-MNIST",
            MlpConcise::defaults,
            MlpConcise::run);

    private MlpConcise() {}

    /** The book's setting: 10 epochs, lr 0.1, batch 256. */
    public static RunConfig defaults() {
        return RunConfig.of(10, 0.1, 256);
    }

    /** The network of the section. */
    public static SequentialBlock net() {
        SequentialBlock net = new SequentialBlock()
                .add(Blocks.batchFlattenBlock(784))
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
        // the training config initializes weights only, so the biases keep this
        TorchInit.onLinears(net, new long[] {784, 256}, Parameter.Type.BIAS);
        return net;
    }

    /** The loss, the optimizer and the weights' initializer of the section (the book's {@code init_weights}). */
    public static DefaultTrainingConfig trainingConfig(double lr) {
        Loss loss = Loss.softmaxCrossEntropyLoss();
        Optimizer trainer = Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) lr))
                .build();
        return new DefaultTrainingConfig(loss)
                .optOptimizer(trainer)
                .optInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
    }

    public static ClassifierTraining.Result run(RunConfig cfg) throws IOException {
        return ClassifierTraining.trainConcise(
                "mlp-concise", "MLP concise", MlpConcise::net, trainingConfig(cfg.lr()), cfg, BookNumbers.CONCISE);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
