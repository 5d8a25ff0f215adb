package d2l.mlp.s405_weight_decay;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.InMemoryDataset;
import java.util.Random;

/**
 * The book's high-dimensional linear data: x ~ N(0, I₂₀₀), {@code y = 0.05 + Σ 0.01·x_i + N(0, 0.01²)}; 20 rows
 * to train on, 100 to test on.
 *
 * @param train features (20, 200), labels (20)
 * @param test features (100, 200), labels (100)
 */
public record HighDimData(InMemoryDataset train, InMemoryDataset test) {

    public static final int N_TRAIN = 20;
    public static final int N_TEST = 100;
    public static final int DIM = 200;
    public static final double TRUE_W = 0.01;
    public static final double TRUE_B = 0.05;
    public static final double NOISE = 0.01;

    /** Draws the training rows, then the test rows, from {@code rng}; the arrays belong to {@code m}. */
    public static HighDimData generate(NDManager m, Random rng) {
        return new HighDimData(rows(m, N_TRAIN, rng), rows(m, N_TEST, rng));
    }

    private static InMemoryDataset rows(NDManager m, int n, Random rng) {
        float[] x = new float[n * DIM];
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            double sum = TRUE_B;
            for (int i = 0; i < DIM; i++) {
                double v = rng.nextGaussian();
                x[r * DIM + i] = (float) v;
                sum += TRUE_W * v;
            }
            y[r] = (float) (sum + NOISE * rng.nextGaussian());
        }
        return new InMemoryDataset(m.create(x, new Shape(n, DIM)), m.create(y));
    }
}
