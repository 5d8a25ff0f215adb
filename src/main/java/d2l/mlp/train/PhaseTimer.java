package d2l.mlp.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits each epoch's time into the phases of a training step, for the benchmark: {@code data} (from the end of
 * one minibatch to the start of the next: gathering it), {@code forward}, {@code loss}, {@code backward},
 * {@code step} (laps a {@link ConciseLearner} marks), {@code metrics} (the loop's bookkeeping after the step) and
 * {@code evaluate} (from the last minibatch to the end of the epoch's time: reading the sums, test accuracy). Each phase
 * ends when its ops return: on a CPU libtorch runs them synchronously; on a GPU this is the host's launch time.
 */
public final class PhaseTimer implements EpochLoop.Listener {

    /** The phases, in the order of a step. */
    public static final String[] PHASES = {"data", "forward", "loss", "backward", "step", "metrics", "evaluate"};

    private final long[] nanos = new long[PHASES.length];
    private final Map<Integer, double[]> perEpoch = new LinkedHashMap<>();
    private long mark;

    /** Ends the current phase, {@code PHASES[phase]}, now. */
    public void lap(int phase) {
        long now = System.nanoTime();
        nanos[phase] += now - mark;
        mark = now;
    }

    @Override
    public void epochStarted(EpochLoop loop, int epoch) {
        java.util.Arrays.fill(nanos, 0);
        mark = System.nanoTime();
    }

    @Override
    public void batchStarted() {
        lap(0);
    }

    @Override
    public void batchDone() {
        lap(5);
    }

    @Override
    public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
        // evaluate is the rest of the epoch's own time: not the listeners that ran before this one (the memory
        // release's garbage collection, the log), which the epoch's time leaves out too
        double[] seconds = new double[PHASES.length];
        double rest = end.seconds();
        for (int p = 0; p < PHASES.length - 1; p++) {
            seconds[p] = nanos[p] / 1e9;
            rest -= seconds[p];
        }
        seconds[PHASES.length - 1] = rest;
        perEpoch.put(end.epoch(), seconds);
    }

    /** Seconds per phase, for each epoch timed. */
    public Map<Integer, double[]> perEpoch() {
        return perEpoch;
    }
}
