package d2l.mlp.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.reference.BookCheck;
import d2l.mlp.runtime.DeviceChoice;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.s410_kaggle_house.HousePriceResult;
import d2l.mlp.s410_kaggle_house.HouseTraining.Trained;
import d2l.mlp.s410_kaggle_house.KaggleHouse;
import d2l.mlp.s410_kaggle_house.KaggleHouseMlp;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Section 4.10 with the book's hyperparameters: the linear model's 5-fold and full-train log-rmse lie in the spread
 * of the book's builds, the submission covers every test house, and the MLP meets its target.
 */
@Tag("slow")
class KaggleHouseRegressionTest {

    @Test
    void linearModelLandsInsideTheBooksSpreadAndWritesTheSubmission() throws Exception {
        HousePriceResult r = KaggleHouse.run(KaggleHouse.defaults().withDevice(DeviceChoice.CPU));
        assertEquals(3, r.checks().size());
        for (BookCheck c : r.checks()) {
            assertTrue(c.inside(), c.toString());
        }
        assertEquals(5, r.folds().size());
        // as in every build of the book, fold 2 validates worst
        double worst = r.folds().stream().mapToDouble(Trained::lastValid).max().orElseThrow();
        assertEquals(worst, r.folds().get(1).lastValid(), 0.0);
        List<String> lines = r.files().get("submission.csv").lines().toList();
        assertEquals(1460, lines.size());
        assertEquals("Id,SalePrice", lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(String.valueOf(1460 + i), cells[0]);
            double price = Double.parseDouble(cells[1]);
            assertTrue(price > 10_000 && price < 2_000_000, lines.get(i));
        }
    }

    @Test
    void mlpBeatsTheLinearModelAndMeetsItsTarget() throws Exception {
        HousePriceResult r = KaggleHouseMlp.run(KaggleHouseMlp.defaults().withDevice(DeviceChoice.CPU));
        assertEquals(1, r.checks().size());
        assertTrue(r.checks().get(0).inside(), r.checks().get(0).toString());
        assertTrue(r.averageValid() <= 0.14, "MLP average valid log rmse " + r.averageValid());
        assertEquals(1459, r.full().testPreds().length);
    }

    @Test
    void theSameSeedGivesIdenticalCurves() throws Exception {
        RunConfig cfg = KaggleHouse.defaults()
                .withDevice(DeviceChoice.CPU)
                .withEpochs(3)
                .withSeed(5);
        HousePriceResult a = KaggleHouse.run(cfg);
        HousePriceResult b = KaggleHouse.run(cfg);
        for (int i = 0; i < KaggleHouse.K; i++) {
            assertArrayEquals(a.folds().get(i).validLs(), b.folds().get(i).validLs(), 0.0);
        }
        assertArrayEquals(a.full().testPreds(), b.full().testPreds(), 0f);
    }
}
