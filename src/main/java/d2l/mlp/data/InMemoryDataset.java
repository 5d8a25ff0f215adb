package d2l.mlp.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.fast.FastOps;
import java.util.Random;

/**
 * Features and labels held as two tensors with the same first dimension, served in minibatches: the book's
 * {@code load_array}. Batches are gathered from the resident tensors, so data stays on the device it was loaded on.
 *
 * @param x features, first dimension = examples
 * @param y labels, first dimension = examples
 */
public record InMemoryDataset(NDArray x, NDArray y) {

    public InMemoryDataset {
        if (x.getShape().get(0) != y.getShape().get(0)) {
            throw new IllegalArgumentException("x has " + x.getShape().get(0) + " examples, y has "
                    + y.getShape().get(0));
        }
    }

    /** Receives one minibatch; its arrays belong to a sub-manager that is closed when the call returns. */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(NDArray x, NDArray y);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static long[] permutation(int n, Random rng) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public int size() {
        return (int) x.getShape().get(0);
    }

    /**
     * Calls {@code consumer} for each minibatch, in order or shuffled. The last batch holds the remainder.
     *
     * @param shuffle source of the permutation (a Fisher–Yates shuffle), or {@code null} for the stored order
     */
    public void forEachBatch(int batchSize, Random shuffle, BatchConsumer consumer) {
        int n = size();
        NDManager parent = x.getManager();
        // One index tensor per epoch, sliced per batch: no Java-side buffer per batch (DJL backs a tensor created
        // from a Java array with a direct buffer that only a garbage collection frees).
        try (NDManager epoch = parent.newSubManager()) {
            NDArray order = shuffle != null ? epoch.create(permutation(n, shuffle)) : null;
            NDArray xRows = order != null ? rowsView(x, epoch) : null;
            NDArray yRows = order != null ? rowsView(y, epoch) : null;
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                try (NDManager batch = parent.newSubManager()) {
                    NDIndex rows = new NDIndex().addSliceDim(start, end);
                    if (order == null) {
                        consumer.accept(x.get(batch, rows), y.get(batch, rows));
                    } else {
                        NDArray pick = order.get(batch, rows);
                        consumer.accept(gather(xRows, pick, x.getShape()), gather(yRows, pick, y.getShape()));
                    }
                }
            }
        }
    }

    /** {@code a} seen as a 2-D table, one row per example: {@code a} itself, or a view owned by {@code manager}. */
    private static NDArray rowsView(NDArray a, NDManager manager) {
        if (a.getShape().dimension() == 2) {
            return a;
        }
        NDArray view = a.reshape(a.getShape().get(0), -1);
        view.attach(manager);
        return view;
    }

    /** Rows {@code pick} of {@code table} (a 2-D view of an array of {@code shape}), shaped like {@code shape}. */
    private static NDArray gather(NDArray table, NDArray pick, Shape shape) {
        NDArray got = FastOps.gatherRows(table, pick);
        if (shape.dimension() == 2) {
            return got;
        }
        long[] dims = shape.getShape().clone(); // Shape hands out its own array
        dims[0] = pick.size();
        return got.reshape(new Shape(dims));
    }
}
