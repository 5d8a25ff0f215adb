package d2l.mlp.s409_distribution_shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Elimination and QR least squares, each against the other and against the system they solve. */
class LinearSystemsTest {

    private static double[][] randomMatrix(int rows, int cols, Random rng) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = rng.nextGaussian();
            }
        }
        return a;
    }

    private static double[] randomVector(int n, Random rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Test
    void eliminationAndLeastSquaresAgreeOnSquareSystems() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[][] a = randomMatrix(10, 10, rng);
            double[] b = randomVector(10, rng);
            double[] x = LinearSystems.solve(a, b);
            assertArrayEquals(x, LinearSystems.leastSquares(a, b), 1e-8);
            assertArrayEquals(b, LinearSystems.times(a, x), 1e-9);
        }
    }

    @Test
    void solveNeedsPivoting() {
        // a zero in the first pivot position: elimination without row swaps would divide by it
        double[][] a = {{0, 1}, {1, 1}};
        assertArrayEquals(new double[] {1, 2}, LinearSystems.solve(a, new double[] {2, 3}), 1e-12);
    }

    @Test
    void leastSquaresResidualIsOrthogonalToTheColumns() {
        Random rng = new Random(5);
        double[][] a = randomMatrix(30, 4, rng);
        double[] b = randomVector(30, rng);
        double[] x = LinearSystems.leastSquares(a, b);
        double[] ax = LinearSystems.times(a, x);
        for (int j = 0; j < 4; j++) {
            double dot = 0;
            for (int i = 0; i < 30; i++) {
                dot += a[i][j] * (b[i] - ax[i]);
            }
            assertEquals(0, dot, 1e-9, "column " + j);
        }
    }

    @Test
    void singularMatricesAreRefused() {
        double[][] a = {{1, 2}, {2, 4}};
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LinearSystems.solve(a, new double[] {1, 2}));
        assertEquals(true, e.getMessage().contains("singular"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearSystems.solve(a, new double[] {1, 2, 3}));
    }
}
