package d2l.mlp.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.s406_dropout.MlpBest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** mlp-best's default seed, one 20-epoch run on all training images, against its bar. */
@Tag("slow")
class MlpBestRegressionTest {

    @Test
    void defaultSeedReachesAtLeast0895TestAccuracy() throws Exception {
        MlpBest.Result r = MlpBest.run(MlpBest.defaults().withDevice("cpu"), 1);
        assertEquals(20, r.runs().get(0).history().size());
        double acc = r.runs().get(0).finalAcc();
        assertTrue(acc >= 0.895, "test accuracy " + acc + " < 0.895");
    }
}
