package d2l.mlp.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.reference.BookCheck;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.s401_mlp.Activations;
import d2l.mlp.s402_mlp_scratch.MlpScratch;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.train.ClassifierTraining;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reruns the chapter's Fashion-MNIST experiments for the book's 10 epochs and asserts the final numbers lie in the
 * spread of the book's official builds ({@link d2l.mlp.reference.BookNumbers}); and that a seed fixes every number on
 * a CPU.
 */
@Tag("slow")
class MlpRegressionTest {

    private static void assertInsideBook(ClassifierTraining.Result r) {
        assertEquals(3, r.checks().size());
        for (BookCheck c : r.checks()) {
            assertTrue(c.inside(), c.toString());
        }
    }

    @Test
    void mlpFromScratchLandsInsideTheBooksSpread() throws Exception {
        ClassifierTraining.Result r = MlpScratch.run(MlpScratch.defaults().withDevice(DeviceChoice.CPU));
        assertEquals(10, r.history().size());
        assertInsideBook(r);
    }

    @Test
    void mlpConciseLandsInsideTheBooksSpread() throws Exception {
        ClassifierTraining.Result r = MlpConcise.run(MlpConcise.defaults().withDevice(DeviceChoice.CPU));
        assertEquals(10, r.history().size());
        assertInsideBook(r);
    }

    @Test
    void theSameSeedGivesIdenticalNumbersAndAnotherSeedDoesNot() throws Exception {
        RunConfig cfg =
                MlpConcise.defaults().withDevice(DeviceChoice.CPU).withEpochs(2).withSeed(11);
        ClassifierTraining.Result a = MlpConcise.run(cfg);
        ClassifierTraining.Result b = MlpConcise.run(cfg);
        ClassifierTraining.Result c = MlpConcise.run(cfg.withSeed(12));
        for (int i = 0; i < 2; i++) {
            assertEquals(a.history().get(i).trainLoss(), b.history().get(i).trainLoss(), 0.0);
            assertEquals(a.history().get(i).trainAcc(), b.history().get(i).trainAcc(), 0.0);
            assertEquals(a.history().get(i).testAcc(), b.history().get(i).testAcc(), 0.0);
        }
        assertNotEquals(a.history().get(1).trainLoss(), c.history().get(1).trainLoss());
        RunConfig s =
                MlpScratch.defaults().withDevice(DeviceChoice.CPU).withEpochs(1).withSeed(11);
        assertEquals(
                MlpScratch.run(s).last().trainLoss(), MlpScratch.run(s).last().trainLoss(), 0.0);
    }

    @Test
    void activationGradientsMatchTheBook() {
        Activations.Result o = Activations.run(Activations.defaults().withDevice(DeviceChoice.CPU));
        o.checks().forEach(c -> assertTrue(c.inside(), c.toString()));
        assertEquals(160, o.curve("relu").x().length);
        double[] x = o.curve("prelu").x();
        double[] g = o.curve("prelu").grad();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] > 0 ? 1.0 : Activations.PRELU_ALPHA, g[i], 1e-6, "prelu'(" + x[i] + ")");
        }
    }
}
