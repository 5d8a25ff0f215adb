package d2l.mlp.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
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
    public enum Phase {
        DATA,
        FORWARD,
        LOSS,
        BACKWARD,
        STEP,
        METRICS,
        EVALUATE;

        /** As the benchmark's tables name it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final long[] nanos = new long[Phase.values().length];
    private final Map<Integer, double[]> perEpoch = new LinkedHashMap<>();
    private long mark;

    /** Ends {@code phase}, the current one, now. */
    public void lap(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - mark;
        mark = now;
    }

    @Override
    public void epochStarted(EpochLoop loop, int epoch) {
        Arrays.fill(nanos, 0);
        mark = System.nanoTime();
    }

    @Override
    public void batchStarted() {
        lap(Phase.DATA);
    }

    @Override
    public void batchDone() {
        lap(Phase.METRICS);
    }

    @Override
    public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
        // evaluate is the rest of the epoch's own time: not the listeners that ran before this one (the memory
        // release's garbage collection, the log), which the epoch's time leaves out too
        double[] seconds = new double[nanos.length];
        double rest = end.seconds();
        for (int p = 0; p < Phase.EVALUATE.ordinal(); p++) {
            seconds[p] = nanos[p] / 1e9;
            rest -= seconds[p];
        }
        seconds[Phase.EVALUATE.ordinal()] = rest;
        perEpoch.put(end.epoch(), seconds);
    }

    /** Seconds per phase (indexed by {@link Phase#ordinal()}), for each epoch timed. */
    public Map<Integer, double[]> perEpoch() {
        return perEpoch;
    }
}
