package d2l.mlp.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.fast.JvmTuning;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.train.EpochLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A soak test: long runs of the concise MLP and the concise dropout net, one after the other in one process, with
 * the resident set size and the number of live NDArrays sampled after chosen epochs. A leak shows as memory or
 * arrays that grow with the epochs. Not a unit test: it takes minutes and its numbers depend on the machine.
 *
 * <p>Usage: {@code java -cp target/d2l-mlp.jar d2l.mlp.bench.Soak [epochs]} (100 by default). It samples after
 * epochs 5, epochs / 2 and epochs, and exits 1 when RSS grew by more than {@value #MAX_GROWTH_MIB} MiB between the
 * first and the last sample or the live-array count changed.
 */
public final class Soak {

    static final double MAX_GROWTH_MIB = 20;

    /** One measurement. */
    record Sample(String experiment, int epoch, double rssMiB, int liveArrays) {}

    private Soak() {}

    public static void main(String[] args) throws Exception {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Set<Integer> sampled = new java.util.TreeSet<>(List.of(Math.min(5, epochs), Math.max(1, epochs / 2), epochs));
        boolean ok = true;
        for (Experiment e : List.of(MlpConcise.EXPERIMENT, DropoutConcise.EXPERIMENT)) {
            Block net = e == MlpConcise.EXPERIMENT ? MlpConcise.net() : DropoutConcise.net();
            List<Sample> samples = soak(e, net, epochs, sampled);
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            double growth = last.rssMiB() - first.rssMiB();
            boolean arraysConstant = samples.stream().allMatch(s -> s.liveArrays() == first.liveArrays());
            System.out.printf(
                    "%s: RSS growth epoch %d -> %d: %+.1f MiB (limit %.0f), live NDArrays %s%n",
                    e.name(),
                    first.epoch(),
                    last.epoch(),
                    growth,
                    MAX_GROWTH_MIB,
                    arraysConstant ? "constant at " + first.liveArrays() : "CHANGED");
            ok &= growth <= MAX_GROWTH_MIB && arraysConstant;
        }
        System.out.println(ok ? "soak: within the targets" : "soak: OUTSIDE the targets");
        System.exit(ok ? 0 : 1);
    }

    /**
     * Trains {@code net} with {@code experiment}'s settings for {@code epochs} epochs, sampling after each epoch in
     * {@code sampled} (a listener on the training loop, between two epochs).
     */
    static List<Sample> soak(Experiment experiment, Block net, int epochs, Set<Integer> sampled) throws IOException {
        List<Sample> samples = new ArrayList<>();
        EpochLoop.Listener sampler = new EpochLoop.Listener() {
            @Override
            public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
                if (sampled.contains(end.epoch())) {
                    Sample s = new Sample(experiment.name(), end.epoch(), Benchmark.rssMiB("VmRSS"), liveArrays());
                    samples.add(s);
                    System.out.printf(
                            "  sample %s epoch %d: RSS %.1f MiB, live NDArrays %d%n",
                            s.experiment(), s.epoch(), s.rssMiB(), s.liveArrays());
                }
            }
        };
        RunConfig cfg = experiment.defaults().get().withEpochs(epochs);
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device)) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            Benchmark.trainConcise(experiment.name(), net, data, cfg, device, null, sampler);
        }
        return samples;
    }

    /** NDArrays alive in the engine: every array of every manager under the engine's root manager. */
    static int liveArrays() {
        try (NDManager probe = TorchRuntime.engine().newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }
}
