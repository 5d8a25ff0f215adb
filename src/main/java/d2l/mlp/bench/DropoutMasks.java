package d2l.mlp.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.scratch.Ops;
import d2l.mlp.stats.Statistics;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What one dropout mask costs (forward, rate 0.2, a 256×512 and a 256×256 activation: the masks of one mlp-best
 * step), drawn three ways: libtorch's {@code dropout} (DJL's {@code Dropout} block: a Bernoulli draw per element),
 * uniforms compared with the rate ({@link Ops#dropoutLayer}), and the uniforms alone. Median over blocks,
 * microseconds per mask pair; {@code scripts/bench_pytorch.py --masks} times PyTorch's. Threads: DJL's default, or
 * one with {@code --threads 1}.
 *
 * <p>Usage: {@code java -cp target/d2l-mlp.jar d2l.mlp.bench.DropoutMasks [json-out] [threads]}.
 */
public final class DropoutMasks {

    private static final int BLOCKS = 7;
    private static final int REPS = 50;

    private DropoutMasks() {}

    /** Microseconds per mask pair, each way, with this many libtorch threads. */
    record Micros(int threads, double libtorchDropoutMicros, double uniformCompareMicros, double uniformOnlyMicros) {}

    /** One way to apply dropout at rate p. */
    private interface Masking {
        NDArray apply(NDArray x, float p);
    }

    public static void main(String[] args) throws IOException {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        Micros out;
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            if (args.length > 1) {
                ai.djl.pytorch.jni.JniUtils.setNumThreads(Integer.parseInt(args[1]));
            }
            NDArray h1 = m.randomNormal(new Shape(256, 512));
            NDArray h2 = m.randomNormal(new Shape(256, 256));
            out = new Micros(
                    ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                    micros(m, h1, h2, (x, p) -> Dropout.dropout(x, p, true).singletonOrThrow()),
                    micros(m, h1, h2, Ops::dropoutLayer),
                    micros(m, h1, h2, (x, p) -> x.getManager().randomUniform(0f, 1f, x.getShape(), x.getDataType())));
        }
        Benchmark.report(out, args.length > 0 ? Path.of(args[0]) : null);
    }

    private static double micros(NDManager m, NDArray h1, NDArray h2, Masking masking) {
        double[] s = new double[BLOCKS + 1];
        for (int b = 0; b <= BLOCKS; b++) {
            long t = System.nanoTime();
            for (int r = 0; r < REPS; r++) {
                try (NDManager step = m.newSubManager()) {
                    masking.apply(h1, 0.2f).attach(step);
                    masking.apply(h2, 0.2f).attach(step);
                }
            }
            s[b] = (System.nanoTime() - t) / 1e3 / REPS;
        }
        return Statistics.median(java.util.Arrays.copyOfRange(s, 1, s.length)); // the first block warms up
    }
}
