package d2l.mlp.train;

import ai.djl.training.util.ProgressBar;
import d2l.mlp.runtime.JvmTuning;
import java.util.Locale;
import java.util.Map;

/** The listeners experiments add to an {@link EpochLoop}. */
public final class EpochListeners {

    private EpochListeners() {}

    /** A progress bar over each epoch's {@code batches} minibatches, drawn only when a terminal is attached. */
    public static EpochLoop.Listener progressBar(int batches) {
        if (System.console() == null) {
            return new EpochLoop.Listener() {};
        }
        return new EpochLoop.Listener() {
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
    public static EpochLoop.Listener log() {
        return new EpochLoop.Listener() {
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
    public static EpochLoop.Listener releaseMemory() {
        return new EpochLoop.Listener() {
            @Override
            public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
                JvmTuning.releaseMemory();
            }
        };
    }
}
