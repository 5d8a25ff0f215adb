package d2l.mlp.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(0.902, Statistics.median(List.of(0.905, 0.899, 0.902)), 0);
        assertEquals(0.9, Statistics.median(new double[] {0.91, 0.89}), 1e-12);
    }

    @Test
    void argMaxTakesTheFirstOfEquals() {
        assertEquals(1, Statistics.argMax(new double[] {0, 2, 2, 1}));
        assertArrayEquals(new int[] {0, 1}, Statistics.argMaxPerRow(new float[] {0.5f, 0.5f, 0.2f, 0.8f}, 2));
        assertEquals(0.5, Statistics.accuracy(new int[] {1, 0}, new int[] {1, 1}), 0);
        assertArrayEquals(new double[] {0.25, 0.75}, Statistics.frequencies(new int[] {1, 0, 1, 1}, 2), 0);
    }

    @Test
    void clippingAndScaling() {
        double[] w = Statistics.normalized(Statistics.clipped(new double[] {0.5, 1, 30, 2.5}, 20));
        assertArrayEquals(new double[] {0.5 / 6, 1 / 6.0, 20 / 6.0, 2.5 / 6}, w, 1e-12);
        assertEquals(1, Arrays.stream(w).average().orElseThrow(), 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2, 5};
        assertArrayEquals(
                new double[] {1, 2, 3, 4.5, 5}, Statistics.quantiles(v, new double[] {0, 0.25, 0.5, 0.875, 1}), 1e-12);
        // deviations (−1, 0, 1) and (−7/3, −1/3, 8/3): r = 5 / (√2 · √114/3) = 15/√228
        assertEquals(
                15 / Math.sqrt(228), Statistics.correlation(new double[] {1, 2, 3}, new double[] {2, 4, 7}), 1e-12);
    }
}
