package d2l.mlp.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.stats.Statistics;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochLoop;
import d2l.mlp.train.EpochStats;
import d2l.mlp.train.PhaseTimer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the concise MLP (784-256-10, batch 256, SGD 0.1) on Fashion-MNIST: per-epoch wall time of the real
 * training loop ({@link ClassifierTraining}), a per-phase breakdown of the same loop (a {@link PhaseTimer}
 * listening), and the process's resident memory. Not a test: numbers depend on the machine.
 *
 * <p>Usage: {@code java -cp target/d2l-mlp.jar d2l.mlp.bench.Benchmark [epochs] [json-out] [device]} (device
 * {@code cpu} by default, or {@code gpu}/{@code auto}). The first {@link #warmup} epochs are reported but left out of
 * the median: the JIT compiles DJL's hot paths during the first three epochs (epoch 3 is often the slowest), and
 * the C2 compiler thread competes with libtorch's two threads for the two cores of our VM. The total of all epochs,
 * warm-up included, is reported too. On a GPU the phases measure the host's time to launch each phase's kernels, not
 * their run time.
 */
public final class Benchmark {

    private Benchmark() {}

    /**
     * What the benchmark writes.
     *
     * @param numbers per epoch, the training loss, training accuracy and test accuracy: to compare runs under
     *     different conditions (the same seed, the same numbers)
     * @param phaseSecondsPerEpoch per phase of the loop, the median seconds per epoch
     */
    record Timings(
            String device,
            double[] epochSeconds,
            List<List<Double>> numbers,
            int warmupEpochs,
            double medianEpochSeconds,
            double totalSeconds,
            Map<String, Double> phaseSecondsPerEpoch,
            List<Double> rssMiBAfterEpoch,
            List<Double> javaHeapCommittedMiBAfterEpoch,
            double peakRssMiB) {}

    public static void main(String[] args) throws IOException {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Path json = args.length > 1 ? Path.of(args[1]) : null;
        RunConfig cfg = MlpConcise.defaults().withDevice(DeviceChoice.parse(args.length > 2 ? args[2] : "cpu"));
        TorchRuntime.seed(cfg.seed());
        Device device = TorchRuntime.device(cfg.device());
        List<Double> rssAfterEpoch = new ArrayList<>();
        List<Double> heapAfterEpoch = new ArrayList<>();
        List<EpochStats> history;
        Map<String, Double> phases;
        try (NDManager m = TorchRuntime.newManager(device)) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            // 1. The real loop, epoch by epoch, with the resident set size after each epoch.
            EpochLoop.Listener memory = new EpochLoop.Listener() {
                @Override
                public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
                    rssAfterEpoch.add(rssMiB("VmRSS"));
                    heapAfterEpoch.add(Runtime.getRuntime().totalMemory() / (1024.0 * 1024));
                }
            };
            history = trainConcise("bench", MlpConcise.net(), data, cfg.withEpochs(epochs), device, null, memory);
            // 2. One more model, timed phase by phase (each phase ends when its ops return: on a CPU, libtorch
            // runs them synchronously).
            phases = phases(data, cfg, device, Math.max(2, epochs / 2));
        }
        double[] epochSeconds =
                history.stream().mapToDouble(EpochStats::seconds).toArray();
        report(
                new Timings(
                        device.toString(),
                        epochSeconds,
                        history.stream()
                                .map(e -> List.of(e.trainLoss(), e.trainAcc(), e.testAcc()))
                                .toList(),
                        warmup(epochs),
                        Statistics.median(Arrays.copyOfRange(epochSeconds, warmup(epochs), epochs)),
                        Arrays.stream(epochSeconds).sum(),
                        phases,
                        rssAfterEpoch,
                        heapAfterEpoch,
                        rssMiB("VmHWM")),
                json);
    }

    /** Prints {@code out} (a record) as JSON and, unless {@code json} is null, writes it there too. */
    static void report(Record out, Path json) throws IOException {
        String text =
                new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(out);
        System.out.println(text);
        if (json != null) {
            Files.writeString(json, text);
        }
    }

    /** Epochs left out of the median: three, or fewer in a short run (at least one, and two epochs measured). */
    static int warmup(int epochs) {
        return Math.max(1, Math.min(3, epochs - 2));
    }

    /**
     * Median over epochs (after the first) of the seconds spent in each phase of training, from the real loop with a
     * {@link PhaseTimer} listening.
     */
    private static Map<String, Double> phases(FashionMnist.Data data, RunConfig cfg, Device device, int epochs) {
        PhaseTimer timer = new PhaseTimer();
        trainConcise("bench-phases", MlpConcise.net(), data, cfg.withEpochs(epochs), device, timer, timer);
        Map<String, Double> medians = new LinkedHashMap<>();
        for (PhaseTimer.Phase phase : PhaseTimer.Phase.values()) {
            medians.put(
                    phase.label(),
                    Statistics.median(timer.perEpoch().values().stream()
                            .skip(1)
                            .mapToDouble(s -> s[phase.ordinal()])
                            .toArray()));
        }
        return medians;
    }

    /**
     * Trains {@code net} as the concise classifiers train (a DJL {@code Trainer} with
     * {@link ConciseLearner#classifierConfig}) for {@code cfg.epochs()} epochs, with {@code listeners} on the loop.
     *
     * @param phases the timer the learner marks its phases on, or null
     */
    static List<EpochStats> trainConcise(
            String name,
            Block net,
            FashionMnist.Data data,
            RunConfig cfg,
            Device device,
            PhaseTimer phases,
            EpochLoop.Listener... listeners) {
        try (Model model = Model.newInstance(name, device, TorchRuntime.engine().getEngineName())) {
            model.setBlock(net);
            try (ConciseLearner learner =
                    ConciseLearner.open(model, ConciseLearner.classifierConfig(cfg.lr(), device), phases)) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                return ClassifierTraining.train(name, learner, data, "test", cfg, listeners);
            }
        }
    }

    /** A line of /proc/self/status (VmRSS, VmHWM) in MiB; NaN where there is no /proc. */
    static double rssMiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
