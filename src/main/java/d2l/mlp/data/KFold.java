package d2l.mlp.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Random;

/**
 * K-fold cross-validation over {@link InMemoryDataset}, with contiguous folds like the book's {@code get_k_fold_data}.
 *
 * <p>Fold {@code i} (0-based) validates on rows {@code [i·s, (i+1)·s)} with {@code s = n / k} (integer division)
 * and trains on the other folds. When {@code n} is not divisible by {@code k}, the last {@code n mod k} rows belong
 * to no fold and are used neither for training nor for validation, as in the book. {@code k} must satisfy
 * {@code 2 ≤ k ≤ n}. To mix the order first, use {@link #shuffled}.
 */
public final class KFold {

    /**
     * One split.
     *
     * @param index 0-based fold number
     * @param train the other folds
     * @param valid this fold
     */
    public record Fold(int index, InMemoryDataset train, InMemoryDataset valid) {}

    private KFold() {}

    /** Fold {@code i} of {@code k}; the arrays belong to {@code manager}. */
    public static Fold fold(NDManager manager, InMemoryDataset data, int k, int i) {
        int n = data.size();
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, got k = " + k);
        }
        if (k > n) {
            throw new IllegalArgumentException("k-fold needs k <= n: k = " + k + " folds of " + n + " examples");
        }
        if (i < 0 || i >= k) {
            throw new IllegalArgumentException("fold index " + i + " outside 0.." + (k - 1));
        }
        int size = n / k;
        int lo = i * size;
        int hi = lo + size;
        InMemoryDataset valid = new InMemoryDataset(slice(manager, data.x(), lo, hi), slice(manager, data.y(), lo, hi));
        NDList xs = new NDList();
        NDList ys = new NDList();
        if (lo > 0) {
            xs.add(slice(manager, data.x(), 0, lo));
            ys.add(slice(manager, data.y(), 0, lo));
        }
        if (hi < k * size) {
            xs.add(slice(manager, data.x(), hi, k * size));
            ys.add(slice(manager, data.y(), hi, k * size));
        }
        InMemoryDataset train = new InMemoryDataset(concat(manager, xs), concat(manager, ys));
        return new Fold(i, train, valid);
    }

    /** The rows of {@code data} in an order drawn from {@code seed}; the arrays belong to {@code manager}. */
    public static InMemoryDataset shuffled(NDManager manager, InMemoryDataset data, long seed) {
        NDIndex pick = new NDIndex("{}", manager.create(InMemoryDataset.permutation(data.size(), new Random(seed))));
        return new InMemoryDataset(data.x().get(manager, pick), data.y().get(manager, pick));
    }

    private static NDArray slice(NDManager manager, NDArray a, int lo, int hi) {
        return a.get(manager, new NDIndex().addSliceDim(lo, hi));
    }

    private static NDArray concat(NDManager manager, NDList parts) {
        if (parts.size() == 1) {
            return parts.head();
        }
        NDArray joined = NDArrays.concat(parts);
        joined.attach(manager);
        parts.close();
        return joined;
    }
}
