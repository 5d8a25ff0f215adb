package d2l.mlp.s406_dropout;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
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
 * Section 4.6 with DJL blocks: flatten, Linear(256), ReLU, Dropout(0.2), Linear(256), ReLU, Dropout(0.5),
 * Linear(10); weights N(0, 0.01²) as the book's {@code init_weights}, biases PyTorch's default
 * U(−1/√fan_in, 1/√fan_in), since the book leaves them alone; softmax cross-entropy and SGD. DJL's {@link Trainer}
 * runs the blocks in training mode in {@code forward} and in inference mode (no dropout) in {@code evaluate}.
 */
public final class DropoutConcise {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "dropout-concise",
            "4.6",
            "MLP 784-256-256-10 with DJL Dropout blocks (0.2, 0.5)",
            DropoutConcise::defaults,
            DropoutConcise::run);

    private DropoutConcise() {}

    /** The book's setting: 10 epochs, lr 0.5, batch 256. */
    public static RunConfig defaults() {
        return DropoutScratch.defaults();
    }

    /** The network of the section. */
    public static SequentialBlock net() {
        SequentialBlock net = new SequentialBlock()
                .add(Blocks.batchFlattenBlock(784))
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(DropoutScratch.DROPOUT1).build())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(DropoutScratch.DROPOUT2).build())
                .add(Linear.builder().setUnits(10).build());
        net.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT); // the book's init_weights
        TorchInit.onLinears(net, new long[] {784, 256, 256}, Parameter.Type.BIAS);
        return net;
    }

    /** The loss and the optimizer of the section; the initializers are the net's. */
    public static DefaultTrainingConfig trainingConfig(double lr) {
        Optimizer trainer = Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) lr))
                .build();
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(trainer);
    }

    public static ClassifierTraining.Result run(RunConfig cfg) throws IOException {
        return ClassifierTraining.trainConcise(
                "dropout-concise",
                "Dropout concise",
                DropoutConcise::net,
                trainingConfig(cfg.lr()),
                cfg,
                BookNumbers.DROPOUT_CONCISE);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
