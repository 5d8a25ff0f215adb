package d2l.mlp.s403_mlp_concise;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.scratch.TorchInit;
import d2l.mlp.train.ClassifierResult;
import d2l.mlp.train.ClassifierRuns;
import java.io.IOException;

/**
 * Section 4.3: the same MLP from DJL blocks: flatten, Linear(256), ReLU, Linear(10); weights N(0, 0.01²) as the
 * book's {@code init_weights}; biases keep PyTorch's default U(−1/√fan_in, 1/√fan_in), since the book leaves them
 * alone ({@link TorchInit}); DJL's SGD through a {@link Trainer}.
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

    public static ClassifierResult run(RunConfig cfg) throws IOException {
        return ClassifierRuns.concise("mlp-concise", "MLP concise", MlpConcise::net, cfg, BookNumbers.CONCISE);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
