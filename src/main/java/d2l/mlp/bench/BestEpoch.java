package d2l.mlp.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s406_dropout.BestMlpTraining;
import d2l.mlp.s406_dropout.MlpBest;
import d2l.mlp.stats.Statistics;
import d2l.mlp.train.EpochStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times mlp-best's epoch: {@link MlpBest#CHOSEN} (784-512-256-10, dropout 0.2) trained by
 * {@link BestMlpTraining#train} on the standardized 60,000 training images, Adam with the cosine decay over the run's
 * steps, test accuracy after every epoch, as the experiment trains it. {@code scripts/bench_pytorch.py --best} times
 * the same network and schedule in PyTorch.
 *
 * <p>Usage: {@code java -cp target/d2l-mlp.jar d2l.mlp.bench.BestEpoch [epochs] [json-out]}.
 */
public final class BestEpoch {

    private BestEpoch() {}

    /** Each epoch's seconds, and the median after the warm-up, with this many libtorch threads. */
    record Epochs(int threads, double[] epochSeconds, int warmupEpochs, double medianEpochSeconds) {}

    public static void main(String[] args) throws IOException {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        RunConfig cfg = MlpBest.defaults().withEpochs(epochs).withDevice(DeviceChoice.CPU);
        Epochs out;
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device)) {
            int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            FashionMnist.Data raw = FashionMnist.load(m, cfg.dataDir());
            FashionMnist.Data data =
                    BestMlpTraining.Standardization.of(raw.train().x()).apply(raw);
            double[] seconds =
                    BestMlpTraining.train("bench mlp-best", MlpBest.CHOSEN, data, "test", cfg, device)
                            .history()
                            .stream()
                            .mapToDouble(EpochStats::seconds)
                            .toArray();
            int warmup = Benchmark.warmup(epochs);
            out = new Epochs(threads, seconds, warmup, Statistics.median(Arrays.copyOfRange(seconds, warmup, epochs)));
        }
        Benchmark.report(out, args.length > 1 ? Path.of(args[1]) : null);
    }
}
