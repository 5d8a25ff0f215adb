package d2l.mlp.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.reference.BookCheck;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.s406_dropout.DropoutScratch;
import d2l.mlp.train.ClassifierTraining;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The two dropout networks of §4.6 for the book's 10 epochs, against the spread of the book's builds. */
@Tag("slow")
class DropoutRegressionTest {

    private static void assertInsideBook(ClassifierTraining.Result r) {
        assertEquals(10, r.history().size());
        assertEquals(3, r.checks().size());
        for (BookCheck c : r.checks()) {
            assertTrue(c.inside(), c.toString());
        }
    }

    @Test
    void dropoutFromScratchLandsInsideTheBooksSpread() throws Exception {
        assertInsideBook(DropoutScratch.run(DropoutScratch.defaults().withDevice(DeviceChoice.CPU)));
    }

    @Test
    void dropoutConciseLandsInsideTheBooksSpread() throws Exception {
        assertInsideBook(DropoutConcise.run(DropoutConcise.defaults().withDevice(DeviceChoice.CPU)));
    }

    @Test
    void handWrittenDropoutRunsAreReproducible() throws Exception {
        RunConfig cfg = DropoutScratch.defaults()
                .withDevice(DeviceChoice.CPU)
                .withEpochs(1)
                .withSeed(7);
        ClassifierTraining.Result a = DropoutScratch.run(cfg);
        System.gc();
        ClassifierTraining.Result b = DropoutScratch.run(cfg);
        assertEquals(a.last().trainLoss(), b.last().trainLoss(), 0.0);
        assertEquals(a.last().testAcc(), b.last().testAcc(), 0.0);
    }
}
