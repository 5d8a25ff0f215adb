package d2l.mlp.s410_kaggle_house;

import d2l.mlp.reference.BookCheck;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.s410_kaggle_house.HouseTraining.Trained;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of a house-price experiment: k-fold cross-validation, then a run on all training data and its test
 * predictions.
 *
 * @param folds one training per fold, in fold order
 * @param full the training on all data, with the test predictions
 * @param testIds Id of each test prediction
 * @param checks the book's numbers next to ours
 * @param figures fold 1's curves
 */
public record HousePriceResult(
        List<Trained> folds, Trained full, int[] testIds, List<BookCheck> checks, List<Figure> figures)
        implements ExperimentResult {

    public double averageTrain() {
        return folds.stream().mapToDouble(Trained::lastTrain).average().orElseThrow();
    }

    public double averageValid() {
        return folds.stream().mapToDouble(Trained::lastValid).average().orElseThrow();
    }

    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("foldTrainLogRmse", folds.stream().map(Trained::lastTrain).toList());
        m.put("foldValidLogRmse", folds.stream().map(Trained::lastValid).toList());
        m.put("averageTrainLogRmse", averageTrain());
        m.put("averageValidLogRmse", averageValid());
        m.put("fullTrainLogRmse", full.lastTrain());
        m.put("fold1TrainCurve", folds.get(0).trainLs());
        m.put("fold1ValidCurve", folds.get(0).validLs());
        m.put("fullTrainCurve", full.trainLs());
        m.put("submission", "submission.csv");
        return m;
    }

    @Override
    public Map<String, String> files() {
        return Map.of("submission.csv", KaggleHouse.submission(testIds, full.testPreds()));
    }
}
