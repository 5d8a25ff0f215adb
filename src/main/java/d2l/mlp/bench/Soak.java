package d2l.mlp.bench;

import ai.djl.ndarray.NDManager;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.runtime.JvmTuning;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s406_dropout.DropoutConcise;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The training loops print "NAME epoch N: ..." after each epoch; the sample is taken when that line appears. */
    private static final Pattern EPOCH_LINE = Pattern.compile("^(\\S+) epoch (\\d+):.*");

    /** One measurement. */
    record Sample(String experiment, int epoch, double rssMiB, int liveArrays) {}

    private Soak() {}

    public static void main(String[] args) throws Exception {
        JvmTuning.skipOptimizingCompiler(); // as the CLI does
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Set<Integer> sampled = new java.util.TreeSet<>(List.of(Math.min(5, epochs), Math.max(1, epochs / 2), epochs));
        boolean ok = true;
        for (Experiment e : List.of(MlpConcise.EXPERIMENT, DropoutConcise.EXPERIMENT)) {
            List<Sample> samples = soak(e, epochs, sampled);
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            double growth = last.rssMiB() - first.rssMiB();
            boolean arraysConstant = samples.stream().allMatch(s -> s.liveArrays() == first.liveArrays());
            System.out.printf("%s: RSS growth epoch %d -> %d: %+.1f MiB (limit %.0f), live NDArrays %s%n",
                    e.name(), first.epoch(), last.epoch(), growth, MAX_GROWTH_MIB,
                    arraysConstant ? "constant at " + first.liveArrays() : "CHANGED");
            ok &= growth <= MAX_GROWTH_MIB && arraysConstant;
        }
        System.out.println(ok ? "soak: within the targets" : "soak: OUTSIDE the targets");
        System.exit(ok ? 0 : 1);
    }

    /** Runs {@code experiment} for {@code epochs} epochs, sampling after each epoch in {@code sampled}. */
    static List<Sample> soak(Experiment experiment, int epochs, Set<Integer> sampled) throws Exception {
        List<Sample> samples = new ArrayList<>();
        PrintStream stdout = System.out;
        // Each sample is taken on the training thread, between two epochs, when the loop prints the epoch's line.
        System.setOut(new PrintStream(new LineWatcher(stdout, line -> {
            Matcher m = EPOCH_LINE.matcher(line);
            if (m.matches() && m.group(1).equals(experiment.name())
                    && sampled.contains(Integer.parseInt(m.group(2)))) {
                Sample s = new Sample(experiment.name(), Integer.parseInt(m.group(2)), rssMiB(), liveArrays());
                samples.add(s);
                stdout.printf("  sample %s epoch %d: RSS %.1f MiB, live NDArrays %d%n", s.experiment(), s.epoch(),
                        s.rssMiB(), s.liveArrays());
            }
        }), true, StandardCharsets.UTF_8));
        try {
            experiment.runner().run(experiment.defaults().get().withEpochs(epochs));
        } finally {
            System.setOut(stdout);
        }
        if (samples.size() != sampled.size()) {
            throw new IllegalStateException("expected samples after epochs " + sampled + " of " + experiment.name()
                    + ", got " + samples.size() + "; does the training loop still print 'NAME epoch N:' lines?");
        }
        return samples;
    }

    /** Resident set size of this process, from {@code /proc/self/status}. */
    static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /** NDArrays alive in the engine: every array of every manager under the engine's root manager. */
    static int liveArrays() {
        try (NDManager probe = TorchRuntime.engine().newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** Passes bytes through to {@code out} and hands each complete line to {@code onLine}. */
    private static final class LineWatcher extends OutputStream {
        private final PrintStream out;
        private final java.util.function.Consumer<String> onLine;
        private final StringBuilder line = new StringBuilder();

        LineWatcher(PrintStream out, java.util.function.Consumer<String> onLine) {
            this.out = out;
            this.onLine = onLine;
        }

        @Override
        public void write(int b) {
            out.write(b);
            if (b == '\n') {
                onLine.accept(line.toString());
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
