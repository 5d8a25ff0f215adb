package d2l.mlp.train;

import ai.djl.training.util.ProgressBar;
import d2l.mlp.fast.JvmTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one training loop of the project: runs an experiment's epochs and tells its listeners what happened. What an
 * epoch does (the minibatches, the step, what is measured) is the experiment's; what every experiment needs around it
 * — stopping on divergence, a progress bar, a log line, memory release, phase timing — is a {@link Listener}; the
 * common ones are made below.
 *
 * <p>Every loop checks divergence: an epoch whose measured loss is NaN or infinite stops training with a
 * {@link TrainingDivergedException} naming the run and the epoch. The loop knows nothing of learning rates: the
 * training that knows its optimizer's rate adds it ({@link TrainingDivergedException#atRate}), the CLI its
 * {@code --lr}.
 */
public final class EpochLoop {

    /** Called by the loop; every method does nothing unless overridden. */
    public interface Listener {
        default void epochStarted(EpochLoop loop, int epoch) {}

        /** Before a minibatch's step (after its data is ready). */
        default void batchStarted() {}

        /** After a minibatch's step and bookkeeping. */
        default void batchDone() {}

        default void epochEnded(EpochLoop loop, EpochEnd end) {}
    }

    /** Tells the loop's listeners where an epoch is; an epoch calls it around each minibatch. */
    public interface Batches {
        void started();

        void done();
    }

    /** One epoch of training, measured; {@link Measured#NOTHING} where an epoch reads nothing from the device. */
    @FunctionalInterface
    public interface Epoch {
        Measured train(int epoch, Batches batches);
    }

    /**
     * What an epoch measured.
     *
     * @param loss the training loss the divergence check watches (NaN or infinite: diverged)
     * @param values other numbers to log, by name, in order
     * @param where which of several models the loss belongs to, named in a divergence message; empty for one model
     */
    public record Measured(double loss, Map<String, Double> values, String where) {

        /** An epoch that read nothing: no check, nothing to log. */
        public static final Measured NOTHING = new Measured(0, Map.of(), "");

        public static Measured loss(double loss) {
            return new Measured(loss, Map.of(), "");
        }

        public static Measured of(double loss, Map<String, Double> values) {
            return new Measured(loss, values, "");
        }
    }

    /**
     * An epoch that ended.
     *
     * @param epoch 1-based
     * @param measured what it measured
     * @param seconds its wall time
     */
    public record EpochEnd(int epoch, Measured measured, double seconds) {}

    private final String name;
    private final int epochs;
    private final List<Listener> listeners = new ArrayList<>();

    /**
     * @param name the run, as a user knows it (e.g. {@code weight-decay-scratch, lambda 3}): shown in logs and errors
     * @param epochs number of epochs
     */
    public EpochLoop(String name, int epochs) {
        this.name = name;
        this.epochs = epochs;
        listeners.add(new DivergenceCheck());
    }

    /** Adds a listener, called after the ones added before it. */
    public EpochLoop listen(Listener listener) {
        listeners.add(listener);
        return this;
    }

    public String name() {
        return name;
    }

    public int epochs() {
        return epochs;
    }

    /** Runs every epoch; returns one entry per epoch. */
    public List<EpochEnd> run(Epoch epoch) {
        Batches batches = new Batches() {
            @Override
            public void started() {
                listeners.forEach(Listener::batchStarted);
            }

            @Override
            public void done() {
                listeners.forEach(Listener::batchDone);
            }
        };
        List<EpochEnd> ends = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            for (Listener l : listeners) {
                l.epochStarted(this, e);
            }
            long start = System.nanoTime();
            Measured measured = epoch.train(e, batches);
            EpochEnd end = new EpochEnd(e, measured, (System.nanoTime() - start) / 1e9);
            for (Listener l : listeners) {
                l.epochEnded(this, end);
            }
            ends.add(end);
        }
        return ends;
    }

    /** Stops training at the first epoch whose loss is not a finite number. */
    static final class DivergenceCheck implements Listener {
        @Override
        public void epochEnded(EpochLoop loop, EpochEnd end) {
            Measured m = end.measured();
            if (m != Measured.NOTHING && !Double.isFinite(m.loss())) {
                String what = m.where().isEmpty() ? loop.name() : loop.name() + " (" + m.where() + ")";
                throw new TrainingDivergedException(what, end.epoch(), m.loss());
            }
        }
    }

    /** A progress bar over each epoch's {@code batches} minibatches, drawn only when a terminal is attached. */
    public static Listener progressBar(int batches) {
        if (System.console() == null) {
            return new Listener() {};
        }
        return new Listener() {
            private ProgressBar bar;

            @Override
            public void epochStarted(EpochLoop loop, int epoch) {
                bar = new ProgressBar(loop.name() + " epoch " + epoch + "/" + loop.epochs(), batches);
            }

            @Override
            public void batchDone() {
                bar.increment(1);
            }
        };
    }

    /** One line per epoch: {@code name epoch 3: loss 0.5123, train acc 0.8123, … (0.5 s)}. */
    public static Listener log() {
        return new Listener() {
            @Override
            public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
                StringBuilder line = new StringBuilder(String.format(
                        Locale.ROOT,
                        "%s epoch %d: loss %.4f",
                        loop.name(),
                        end.epoch(),
                        end.measured().loss()));
                for (Map.Entry<String, Double> v : end.measured().values().entrySet()) {
                    line.append(String.format(Locale.ROOT, ", %s %.4f", v.getKey(), v.getValue()));
                }
                System.out.println(line.append(String.format(Locale.ROOT, " (%.1f s)", end.seconds())));
            }
        };
    }

    /**
     * Hands memory back to the operating system after each epoch ({@link JvmTuning#releaseMemory}): without it a
     * long Fashion-MNIST run grows by megabytes per epoch.
     */
    public static Listener releaseMemory() {
        return new Listener() {
            @Override
            public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
                JvmTuning.releaseMemory();
            }
        };
    }
}
