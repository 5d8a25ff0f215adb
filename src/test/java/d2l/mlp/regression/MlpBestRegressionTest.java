package d2l.mlp.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.s406_dropout.MlpBest;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * mlp-best as README states it: three 20-epoch runs (seeds 1, 2, 3) on all training images, median test accuracy at
 * least 0.900. The slowest test of the suite (about 5 minutes here).
 */
@Tag("slow")
class MlpBestRegressionTest {

    @Test
    void threeSeedsReachAMedianTestAccuracyOfAtLeast0900() throws Exception {
        MlpBest.Result r = MlpBest.run(MlpBest.defaults().withDevice(DeviceChoice.CPU));
        assertEquals(List.of(1L, 2L, 3L), r.seeds());
        r.runs().forEach(run -> assertEquals(20, run.history().size()));
        assertTrue(r.medianTestAcc() >= 0.900, "median test accuracy " + r.medianTestAcc() + " < 0.900");
    }
}
