package d2l.mlp.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.stats.Statistics;
import d2l.mlp.train.ClassifierTraining;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A lower bound for the concise MLP's epoch (784-256-10, batch 256): the time of its matrix products alone, in
 * libtorch through DJL, on random data. Per training batch (235 of them, all taken as full): the forward products
 * 256×784·784×256 and 256×256·256×10, and the backward ones, 10×256·256×256 (output weights), 256×10·10×256 (hidden
 * activations) and 256×256·256×784 (hidden weights); then the test set's forward products in the evaluation's batches.
 * {@code scripts/bench_pytorch.py --gemm} times the same products in PyTorch, so each side's epoch can be set
 * against its own GEMM bound. The libtorch threads are DJL's default (2 on the project's VM).
 *
 * <p>Usage: {@code java -cp target/d2l-mlp.jar d2l.mlp.bench.GemmBound [json-out]}.
 */
public final class GemmBound {

    private static final int BATCH = 256;
    private static final int TRAIN_BATCHES = 235;
    private static final int TEST_ROWS = 10_000;
    private static final int ROUNDS = 7;

    private GemmBound() {}

    /** Seconds per epoch of the products of training and of evaluation, with this many libtorch threads. */
    record Bound(
            int threads,
            double trainGemmSecondsPerEpoch,
            double evalGemmSecondsPerEpoch,
            double gemmSecondsPerEpoch,
            int evalBatchSize) {}

    public static void main(String[] args) throws IOException {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        Bound out;
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(BATCH, 784));
            NDArray w1 = m.randomNormal(new Shape(256, 784)).mul(0.01f);
            NDArray h = m.randomUniform(0f, 1f, new Shape(BATCH, 256));
            NDArray w2 = m.randomNormal(new Shape(10, 256)).mul(0.01f);
            NDArray dy = m.randomNormal(new Shape(BATCH, 10));
            NDArray dh = m.randomNormal(new Shape(BATCH, 256));
            // transposed views made once, as a linear layer's kernels read them
            NDArray w1t = w1.transpose();
            NDArray w2t = w2.transpose();
            NDArray dyt = dy.transpose();
            NDArray dht = dh.transpose();
            int evalBatch = ClassifierTraining.EVAL_BATCH_SIZE;
            NDArray xTest = m.randomUniform(0f, 1f, new Shape(evalBatch, 784));
            NDArray hTest = m.randomUniform(0f, 1f, new Shape(evalBatch, 256));
            int evalBatches = (TEST_ROWS + evalBatch - 1) / evalBatch;
            Runnable train = () -> {
                for (int b = 0; b < TRAIN_BATCHES; b++) {
                    try (NDManager s = m.newSubManager()) {
                        x.matMul(w1t).attach(s); // forward, hidden layer
                        h.matMul(w2t).attach(s); // forward, output layer
                        dyt.matMul(h).attach(s); // gradient of the output weights
                        dy.matMul(w2).attach(s); // gradient of the hidden activations
                        dht.matMul(x).attach(s); // gradient of the hidden weights
                    }
                }
            };
            Runnable eval = () -> {
                for (int b = 0; b < evalBatches; b++) {
                    try (NDManager s = m.newSubManager()) {
                        xTest.matMul(w1t).attach(s);
                        hTest.matMul(w2t).attach(s);
                    }
                }
            };
            double trainSeconds = medianSeconds(train);
            double evalSeconds = medianSeconds(eval);
            out = new Bound(
                    ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                    trainSeconds,
                    evalSeconds,
                    trainSeconds + evalSeconds,
                    evalBatch);
        }
        Benchmark.report(out, args.length > 0 ? Path.of(args[0]) : null);
    }

    /** Median over {@link #ROUNDS} runs of {@code block}, after one warm-up run, in seconds. */
    private static double medianSeconds(Runnable block) {
        block.run();
        double[] s = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t = System.nanoTime();
            block.run();
            s[r] = (System.nanoTime() - t) / 1e9;
        }
        return Statistics.median(s);
    }
}
