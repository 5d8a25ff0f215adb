package d2l.mlp.s409_distribution_shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import d2l.mlp.stats.Statistics;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The confusion-matrix estimate of q(y) and the output re-weighting, on data whose answer is known. */
class LabelShiftTest {

    @Test
    void confusionColumnsAreConditionalDistributions() {
        int[] labels = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 0, 1, 2, 1, 1, 2, 2, 0, 2};
        double[][] c = LabelShift.confusion(predicted, labels, 3);
        assertArrayEquals(new double[] {0.5, 0, 0.25}, c[0], 1e-12);
        assertArrayEquals(new double[] {0.25, 1, 0}, c[1], 1e-12);
        assertArrayEquals(new double[] {0.25, 0, 0.75}, c[2], 1e-12);
    }

    /**
     * A population where every class is predicted with a known P(ŷ | y): a target drawn with labels ~ q and
     * predictions drawn from C's columns has mean prediction close to C·q, and the solve gives back q.
     */
    @Test
    void estimateRecoversTheTargetLabelDistribution() {
        Random rng = new Random(11);
        int k = 4;
        double[][] c = {{0.8, 0.1, 0.1, 0.0}, {0.1, 0.7, 0.1, 0.1}, {0.05, 0.1, 0.7, 0.2}, {0.05, 0.1, 0.1, 0.7}};
        double[] q = {0.1, 0.5, 0.15, 0.25};
        int n = 200_000;
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            int y = draw(q, rng);
            double[] column = new double[k];
            for (int j = 0; j < k; j++) {
                column[j] = c[j][y];
            }
            predicted[i] = draw(column, rng);
        }
        double[] mu = Statistics.frequencies(predicted, k);
        double[] estimate = LabelShift.onSimplex(LinearSystems.solve(c, mu));
        assertEquals(0, LinearSystems.l1(estimate, q), 0.01);
        // exactly consistent data is solved exactly
        assertArrayEquals(q, LabelShift.onSimplex(LinearSystems.solve(c, LinearSystems.times(c, q))), 1e-12);
    }

    private static int draw(double[] p, Random rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Test
    void onSimplexClipsAndRenormalizes() {
        assertArrayEquals(new double[] {0.25, 0, 0.75}, LabelShift.onSimplex(new double[] {0.2, -0.1, 0.6}), 1e-12);
    }

    @Test
    void reweightingFollowsBayesRule() {
        // row 0: 0.6 vs 0.4; with q/p = (1, 2) the second class wins (0.6 < 0.8)
        float[] probs = {0.6f, 0.4f, 0.9f, 0.1f};
        assertArrayEquals(new int[] {1, 0}, LabelShift.reweighted(probs, new double[] {1, 2}));
    }

    @Test
    void targetRowsBoostTheChosenClasses() {
        int[] labels = new int[10 * 100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        long[] rows = LabelShift.targetRows(labels, List.of(3, 6), 5, new Random(1));
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = labels[(int) rows[i]];
        }
        double[] f = Statistics.frequencies(picked, 10);
        assertEquals(2 * 100 + 8 * 20, rows.length);
        assertEquals(5, f[3] / f[0], 1e-9);
        assertEquals(f[3], f[6], 1e-12);
        assertEquals(rows.length, java.util.Arrays.stream(rows).distinct().count(), "no row twice");
    }
}
