package d2l.mlp.s404_underfit_overfit;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.InMemoryDataset;
import java.util.Random;

/**
 * The book's polynomial data: x ~ N(0, 1), features {@code x^i / i!} for i = 0..19, labels
 * {@code 5 + 1.2·x − 3.4·x²/2! + 5.6·x³/3! + N(0, 0.1²)}; the first 100 rows train, the last 100 test.
 *
 * @param x the 200 draws of x
 * @param features 200 × 20, row-major
 * @param labels 200 labels
 */
public record PolyData(float[] x, float[] features, float[] labels) {

    public static final int MAX_DEGREE = 20;
    public static final int N_TRAIN = 100;
    public static final int N_TEST = 100;
    public static final double[] TRUE_W = {5, 1.2, -3.4, 5.6};
    public static final double NOISE = 0.1;

    /** Draws the data from {@code rng}: first the 200 x's, then the 200 noise terms. */
    public static PolyData generate(Random rng) {
        int n = N_TRAIN + N_TEST;
        float[] xs = new float[n];
        float[] features = new float[n * MAX_DEGREE];
        float[] labels = new float[n];
        double[] xd = new double[n];
        for (int r = 0; r < n; r++) {
            xd[r] = rng.nextGaussian();
            xs[r] = (float) xd[r];
        }
        for (int r = 0; r < n; r++) {
            double term = 1; // x^i / i!
            double y = 0;
            for (int i = 0; i < MAX_DEGREE; i++) {
                if (i > 0) {
                    term *= xd[r] / i;
                }
                features[r * MAX_DEGREE + i] = (float) term;
                if (i < TRUE_W.length) {
                    y += TRUE_W[i] * term;
                }
            }
            labels[r] = (float) (y + NOISE * rng.nextGaussian());
        }
        return new PolyData(xs, features, labels);
    }

    /** The training rows: features (100, 20), labels (100). */
    public InMemoryDataset train(NDManager m) {
        return rows(m, 0, N_TRAIN);
    }

    /** The test rows: features (100, 20), labels (100). */
    public InMemoryDataset test(NDManager m) {
        return rows(m, N_TRAIN, N_TRAIN + N_TEST);
    }

    private InMemoryDataset rows(NDManager m, int from, int to) {
        float[] f = java.util.Arrays.copyOfRange(features, from * MAX_DEGREE, to * MAX_DEGREE);
        return new InMemoryDataset(
                m.create(f, new Shape(to - from, MAX_DEGREE)),
                m.create(java.util.Arrays.copyOfRange(labels, from, to)));
    }

    /**
     * {@code t} with only its first {@code k} features, as one group: features (1, n, k), labels (1, n); the arrays
     * belong to {@code m}.
     */
    public static InMemoryDataset firstFeatures(NDManager m, InMemoryDataset t, int k) {
        return new InMemoryDataset(
                t.x().get(m, new ai.djl.ndarray.index.NDIndex(":, :{}", k)).expandDims(0),
                t.y().get(m, new ai.djl.ndarray.index.NDIndex()).expandDims(0));
    }
}
