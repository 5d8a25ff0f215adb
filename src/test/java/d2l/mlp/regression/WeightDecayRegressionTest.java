package d2l.mlp.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.s405_weight_decay.WeightDecay;
import d2l.mlp.s405_weight_decay.WeightDecayConcise;
import d2l.mlp.s405_weight_decay.WeightDecayScratch;
import d2l.mlp.s405_weight_decay.WeightDecaySweep;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Section 4.5 at the book's settings: ‖w‖ against the book's spread (scratch and concise), and what weight decay
 * does to the losses. The book's spread is over builds that each draw their own data and initial weights, so
 * besides the default seed we check that the median over five seeds lies inside it.
 */
@Tag("slow")
class WeightDecayRegressionTest {

    private static final int SEEDS = 5;

    private static void assertMedianInside(BookNumbers.Value v, double[] ours) {
        double[] sorted = ours.clone();
        Arrays.sort(sorted);
        BookCheck c = v.check(sorted[sorted.length / 2]);
        assertTrue(c.inside(), "median over seeds " + Arrays.toString(ours) + ": " + c);
    }

    @Test
    void scratchNormsLandInsideTheBooksSpread() {
        double[][] norms = new double[2][SEEDS];
        for (int s = 1; s <= SEEDS; s++) {
            WeightDecay.Result result = WeightDecayScratch.run(cfg(s));
            if (s == RunConfig.DEFAULT_SEED) {
                result.checks().forEach(c -> assertTrue(c.inside(), c.toString()));
                WeightDecay.Run free = result.run(0);
                WeightDecay.Run decayed = result.run(3);
                assertTrue(free.loss().finalTrain() < 1e-3 && free.loss().finalTest() > 10, "lambda 0 overfits");
                assertTrue(decayed.loss().finalTest() < free.loss().finalTest() / 100, "lambda 3 generalizes");
                assertTrue(
                        decayed.loss().finalTrain() > free.loss().finalTrain(), "at the price of a higher train loss");
            }
            norms[0][s - 1] = result.run(0).norm();
            norms[1][s - 1] = result.run(3).norm();
        }
        assertMedianInside(BookNumbers.WD_SCRATCH_NORM_0, norms[0]);
        assertMedianInside(BookNumbers.WD_SCRATCH_NORM_3, norms[1]);
    }

    @Test
    void conciseNormsLandInsideTheBooksSpread() {
        double[][] norms = new double[2][SEEDS];
        for (int s = 1; s <= SEEDS; s++) {
            WeightDecay.Result result = WeightDecayConcise.run(cfg(s));
            norms[0][s - 1] = result.run(0).norm();
            norms[1][s - 1] = result.run(3).norm();
            assertTrue(result.run(3).loss().finalTest() < result.run(0).loss().finalTest() / 100, "wd 3 generalizes");
        }
        assertTrue(BookNumbers.WD_CONCISE_NORM_0.check(norms[0][0]).inside(), "default seed, wd 0: " + norms[0][0]);
        assertMedianInside(BookNumbers.WD_CONCISE_NORM_0, norms[0]);
        assertMedianInside(BookNumbers.WD_CONCISE_NORM_3, norms[1]);
    }

    @Test
    void sweepShrinksTheWeightsAsLambdaGrows() {
        List<WeightDecay.Run> runs =
                WeightDecaySweep.run(cfg(RunConfig.DEFAULT_SEED)).runs();
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(
                    runs.get(i).norm() < runs.get(i - 1).norm(),
                    "||w|| at lambda " + runs.get(i).lambda());
        }
    }

    private static RunConfig cfg(long seed) {
        return WeightDecay.defaults().withDevice(DeviceChoice.CPU).withSeed(seed);
    }
}
