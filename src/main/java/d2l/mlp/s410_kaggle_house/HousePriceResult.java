package d2l.mlp.s410_kaggle_house;

import d2l.mlp.reference.BookCheck;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.s410_kaggle_house.HouseTraining.Trained;
import java.util.List;
import java.util.Map;

/**
 * The result of a house-price experiment: k-fold cross-validation, then a run on all training data and its test
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

    /** The file of the test predictions, in Kaggle's format. */
    public static final String SUBMISSION = "submission.csv";

    public double averageTrain() {
        return folds.stream().mapToDouble(Trained::lastTrain).average().orElseThrow();
    }

    public double averageValid() {
        return folds.stream().mapToDouble(Trained::lastValid).average().orElseThrow();
    }

    @Override
    public Metrics metrics() {
        return new Metrics(
                folds.stream().mapToDouble(Trained::lastTrain).toArray(),
                folds.stream().mapToDouble(Trained::lastValid).toArray(),
                averageTrain(),
                averageValid(),
                full.lastTrain(),
                folds.get(0).trainLs(),
                folds.get(0).validLs(),
                full.trainLs(),
                SUBMISSION);
    }

    /**
     * What metrics.json holds: the final log-rmse per fold, their averages and that of the training on all data,
     * fold 1's curves and the full training's, and the name of the submission file.
     */
    public record Metrics(
            double[] foldTrainLogRmse,
            double[] foldValidLogRmse,
            double averageTrainLogRmse,
            double averageValidLogRmse,
            double fullTrainLogRmse,
            double[] fold1TrainCurve,
            double[] fold1ValidCurve,
            double[] fullTrainCurve,
            String submission) {}

    @Override
    public Map<String, String> files() {
        return Map.of(SUBMISSION, KaggleHouse.submission(testIds, full.testPreds()));
    }
}
