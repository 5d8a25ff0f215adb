package d2l.mlp.s402_mlp_scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.scratch.MinibatchSgd;
import d2l.mlp.scratch.Ops;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ScratchLearner;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Section 4.2: a 784-256-10 MLP from our own tensors: W ~ N(0, 0.01²), b = 0, hand-written ReLU, minibatch SGD.
 */
public final class MlpScratch {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "mlp-scratch",
            "4.2",
            "MLP 784-256-10 from scratch on Fashion-MNIST",
            MlpScratch::defaults,
            MlpScratch::run);

    private MlpScratch() {}

    /** The book's setting: 10 epochs, lr 0.1, batch 256. */
    public static RunConfig defaults() {
        return RunConfig.of(10, 0.1, 256);
    }

    /** W1 (784×256), b1, W2 (256×10), b2: weights N(0, 0.01²), biases 0, gradients attached. */
    public static List<NDArray> initParams(NDManager m) {
        List<NDArray> params = List.of(
                m.randomNormal(0f, 0.01f, new Shape(784, 256), DataType.FLOAT32),
                m.zeros(new Shape(256)),
                m.randomNormal(0f, 0.01f, new Shape(256, 10), DataType.FLOAT32),
                m.zeros(new Shape(10)));
        params.forEach(p -> p.setRequiresGradient(true));
        return params;
    }

    /** Logits of the batch {@code x} (any shape n×…, flattened to n×784): relu(x·W1 + b1)·W2 + b2. */
    public static NDArray net(List<NDArray> params, NDArray x) {
        NDArray h = Ops.relu(x.reshape(-1, 784).matMul(params.get(0)).add(params.get(1)));
        return h.matMul(params.get(2)).add(params.get(3));
    }

    /**
     * The book's {@code train_ch3(net, …, loss, num_epochs, updater)}: softmax cross-entropy averaged over the batch
     * and the hand-written minibatch SGD.
     */
    public static ClassifierTraining.Result run(RunConfig cfg) throws IOException {
        Loss loss = Loss.softmaxCrossEntropyLoss();
        ScratchLearner.Updater updater = MinibatchSgd::step;
        return ClassifierTraining.trainScratch(
                "mlp-scratch",
                "MLP from scratch",
                cfg,
                MlpScratch::initParams,
                params -> {
                    UnaryOperator<NDArray> forward = x -> net(params, x);
                    return new ScratchLearner(params, forward, forward, loss, updater, cfg.lr());
                },
                BookNumbers.SCRATCH);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
