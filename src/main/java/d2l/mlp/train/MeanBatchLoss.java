package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.runtime.TorchRuntime;

/**
 * The mean of an epoch's minibatch losses, what an {@link EpochLoop} epoch hands its divergence check: summed on the
 * device as the minibatches go and read once at the end of the epoch.
 */
public final class MeanBatchLoss implements AutoCloseable {

    private final NDManager manager;
    private final NDArray sum;
    private final NDArray zero;
    private int batches;

    /** A sum on {@code parent}'s device, in a manager of its own. */
    public MeanBatchLoss(NDManager parent) {
        manager = parent.newSubManager();
        sum = manager.zeros(new Shape());
        zero = TorchRuntime.scalar(sum, 0f); // made once: no Number operand per epoch (see TorchRuntime.scalar)
    }

    /** Adds one minibatch's (mean) loss. */
    public void add(NDArray loss) {
        sum.addi(loss);
        batches++;
    }

    /** The mean over the minibatches added since the last call (one read from the device), then starts over. */
    public double takeMean() {
        double mean = sum.getFloat() / batches;
        sum.muli(zero);
        batches = 0;
        return mean;
    }

    @Override
    public void close() {
        manager.close();
    }
}
