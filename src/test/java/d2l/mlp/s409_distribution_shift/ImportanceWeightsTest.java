package d2l.mlp.s409_distribution_shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The selection, the true density ratio it implies, and the weights' clipping, scaling and summaries. */
class ImportanceWeightsTest {

    /**
     * The true β of a selection, {@code E[keep] / keep(x)}, against a second computation: the ratio of histograms
     * of a large population and of the sample the selection keeps from it.
     */
    @Test
    void trueBetaIsTheRatioOfTargetToSourceDensity() {
        Random rng = new Random(8);
        int n = 400_000;
        double[] brightness = new double[n];
        for (int i = 0; i < n; i++) {
            brightness[i] = rng.nextInt(4); // four values: a histogram with four bins
        }
        double[] keep = CovariateShift.selection(brightness);
        double meanKeep = Arrays.stream(keep).average().orElseThrow();
        double[] population = new double[4];
        double[] source = new double[4];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            population[(int) brightness[i]] += 1.0 / n;
            if (rng.nextDouble() < keep[i]) {
                source[(int) brightness[i]]++;
                kept++;
            }
        }
        for (int v = 0; v < 4; v++) {
            double keepOfV = CovariateShift.selection(brightness)[indexOf(brightness, v)];
            double empirical = population[v] / (source[v] / kept);
            assertEquals(meanKeep / keepOfV, empirical, 0.05 * empirical, "brightness " + v);
        }
        // brighter images are kept more often, never less than the floor
        assertTrue(keep[indexOf(brightness, 3)] > keep[indexOf(brightness, 0)]);
        assertTrue(Arrays.stream(keep).min().orElseThrow() >= CovariateShift.FLOOR);
    }

    private static int indexOf(double[] v, double x) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not found");
    }
}
