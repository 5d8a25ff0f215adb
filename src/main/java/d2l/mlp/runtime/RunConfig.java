package d2l.mlp.runtime;

import java.nio.file.Path;

/**
 * What an experiment is run with. Each experiment's {@code defaults()} hold the book's hyperparameters and declare,
 * by which of them they set, the options it takes: a {@link Setting} the experiment does not use is 0 here, the CLI
 * rejects it, and metrics.json leaves it out. The CLI, a notebook or a test override the rest with {@code with…}.
 *
 * @param epochs number of passes over the training data; 0 where the experiment does not train in epochs
 * @param lr learning rate; 0 where the experiment has none
 * @param batchSize minibatch (or sample) size; 0 where the experiment has none
 * @param seed seed for libtorch, DJL and our own shuffling, 0 … {@link TorchRuntime#MAX_SEED}: the same seed gives
 *     identical numbers on a CPU
 * @param device the device asked for
 * @param dataDir extra data directory searched first, or {@code null}
 */
public record RunConfig(int epochs, double lr, int batchSize, long seed, DeviceChoice device, Path dataDir) {

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
        if (epochs != 0) {
            Setting.EPOCHS.check(epochs);
        }
        if (lr != 0) {
            Setting.LR.check(lr);
        }
        if (batchSize != 0) {
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
        return new RunConfig(epochs, lr, batchSize, DEFAULT_SEED, DeviceChoice.AUTO, null);
    }

    /** An experiment that takes no epochs, learning rate or batch size; add the ones it takes with {@code with…}. */
    public static RunConfig none() {
        return new RunConfig(0, 0, 0, DEFAULT_SEED, DeviceChoice.AUTO, null);
    }

    /** Whether the experiment these defaults belong to uses {@code s}. */
    public boolean takes(Setting s) {
        return switch (s) {
            case EPOCHS -> epochs != 0;
            case LR -> lr != 0;
            case BATCH_SIZE -> batchSize != 0;
        };
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
        return new RunConfig(e, lr, batchSize, seed, device, dataDir);
    }

    public RunConfig withLr(double l) {
        Setting.LR.check(l);
        return new RunConfig(epochs, l, batchSize, seed, device, dataDir);
    }

    public RunConfig withBatchSize(int b) {
        Setting.BATCH_SIZE.check(b);
        return new RunConfig(epochs, lr, b, seed, device, dataDir);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(epochs, lr, batchSize, s, device, dataDir);
    }

    public RunConfig withDevice(DeviceChoice d) {
        return new RunConfig(epochs, lr, batchSize, seed, d, dataDir);
    }

    public RunConfig withDataDir(Path d) {
        return new RunConfig(epochs, lr, batchSize, seed, device, d);
    }

    /**
     * What metrics.json records under {@code config}: the settings the experiment takes, the seed and the device
     * (Gson leaves the {@code null}s out).
     */
    public Recorded recorded() {
        return new Recorded(
                takes(Setting.EPOCHS) ? epochs : null,
                takes(Setting.LR) ? lr : null,
                takes(Setting.BATCH_SIZE) ? batchSize : null,
                seed,
                device.name());
    }

    /** The {@code config} of metrics.json; {@code null}: not taken by the experiment. */
    public record Recorded(Integer epochs, Double lr, Integer batchSize, long seed, String device) {}
}
