package d2l.mlp.s406_dropout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.scratch.MinibatchSgd;
import d2l.mlp.scratch.Ops;
import d2l.mlp.scratch.TorchInit;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ScratchLearner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 4.6 from scratch: a 784-256-256-10 ReLU MLP with the hand-written {@link Ops#dropoutLayer} after each
 * hidden layer (p = 0.2, then 0.5), applied only in training. Like the book's {@code nn.Linear} layers, which it does
 * not re-initialize, every weight and bias starts from PyTorch's default U(−1/√fan_in, 1/√fan_in)
 * ({@link TorchInit}).
 */
public final class DropoutScratch {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "dropout-scratch",
            "4.6",
            "MLP 784-256-256-10 with hand-written dropout (0.2, 0.5)",
            DropoutScratch::defaults,
            DropoutScratch::run);

    /** Dropout probability after the first hidden layer. */
    public static final float DROPOUT1 = 0.2f;
    /** Dropout probability after the second hidden layer. */
    public static final float DROPOUT2 = 0.5f;

    private static final long[] SIZES = {784, 256, 256, 10};

    private DropoutScratch() {}

    /** The book's setting: 10 epochs, lr 0.5, batch 256. */
    public static RunConfig defaults() {
        return RunConfig.of(10, 0.5, 256);
    }

    /** W1, b1, W2, b2, W3, b3 (W is fan_in × fan_out) from PyTorch's default Linear init, gradients attached. */
    public static List<NDArray> initParams(NDManager m) {
        List<NDArray> params = new ArrayList<>();
        for (int i = 0; i + 1 < SIZES.length; i++) {
            params.add(TorchInit.uniform(m, new Shape(SIZES[i], SIZES[i + 1]), SIZES[i]));
            params.add(TorchInit.uniform(m, new Shape(SIZES[i + 1]), SIZES[i]));
        }
        params.forEach(p -> p.setRequiresGradient(true));
        return params;
    }

    /** Logits of {@code x} (n×…, flattened to n×784); dropout only when {@code training}. */
    public static NDArray net(List<NDArray> params, NDArray x, boolean training) {
        NDArray h1 = Ops.relu(x.reshape(-1, 784).matMul(params.get(0)).add(params.get(1)));
        if (training) {
            h1 = Ops.dropoutLayer(h1, DROPOUT1);
        }
        NDArray h2 = Ops.relu(h1.matMul(params.get(2)).add(params.get(3)));
        if (training) {
            h2 = Ops.dropoutLayer(h2, DROPOUT2);
        }
        return h2.matMul(params.get(4)).add(params.get(5));
    }

    /** Trains with dropout in the forward pass, evaluates without; softmax cross-entropy and minibatch SGD. */
    public static ClassifierTraining.Result run(RunConfig cfg) throws IOException {
        Loss loss = Loss.softmaxCrossEntropyLoss();
        return ClassifierTraining.trainScratch(
                "dropout-scratch",
                "Dropout from scratch",
                cfg,
                DropoutScratch::initParams,
                params -> new ScratchLearner(
                        params,
                        x -> net(params, x, true),
                        x -> net(params, x, false),
                        loss,
                        MinibatchSgd::step,
                        cfg.lr()),
                BookNumbers.DROPOUT_SCRATCH);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
