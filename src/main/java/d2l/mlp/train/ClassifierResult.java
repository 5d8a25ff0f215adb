package d2l.mlp.train;

import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Plots;
import d2l.mlp.report.Predictions;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The result of a Fashion-MNIST classifier trained with {@link ClassifierTraining}.
 *
 * @param history one entry per epoch
 * @param checks the book's numbers next to ours
 * @param figures the training curves and the prediction grid
 */
public record ClassifierResult(List<EpochStats> history, List<BookCheck> checks, List<Figure> figures)
        implements ExperimentResult {

    /**
     * The result of a Fashion-MNIST classifier: its history, the book's final loss, train and test accuracy next to
     * ours, the training curves ({@code training}) and the book's prediction grid ({@code predictions}).
     */
    public static ClassifierResult of(
            String title,
            List<EpochStats> history,
            Learner learner,
            InMemoryDataset test,
            BookNumbers.Value loss,
            BookNumbers.Value trainAcc,
            BookNumbers.Value testAcc) {
        EpochStats last = history.get(history.size() - 1);
        return new ClassifierResult(
                history,
                List.of(loss.check(last.trainLoss()), trainAcc.check(last.trainAcc()), testAcc.check(last.testAcc())),
                List.of(
                        trainingFigure(title, history),
                        Figure.of("predictions", Predictions.grid(learner::predict, test, 2, 9))));
    }

    /** The last epoch. */
    public EpochStats last() {
        return history.get(history.size() - 1);
    }

    @Override
    public Metrics metrics() {
        return new Metrics(last().trainLoss(), last().trainAcc(), last().testAcc(), history);
    }

    /** What metrics.json holds: the last epoch's numbers, then every epoch's. */
    public record Metrics(double finalTrainLoss, double finalTrainAcc, double finalTestAcc, List<EpochStats> history) {}

    /**
     * The figure {@code training}: the three curves of {@code train_ch3} against the epoch (train loss, train acc and
     * test acc), drawn by {@link Plots}.
     */
    public static Figure trainingFigure(String title, List<EpochStats> history) {
        return Figure.of(
                "training",
                Plots.lines(
                        title,
                        "epoch",
                        "",
                        false,
                        column(history, EpochStats::epoch),
                        List.of(
                                new Plots.Curve("train loss", column(history, EpochStats::trainLoss)),
                                new Plots.Curve("train acc", column(history, EpochStats::trainAcc)),
                                new Plots.Curve("test acc", column(history, EpochStats::testAcc)))));
    }

    private static double[] column(List<EpochStats> history, ToDoubleFunction<EpochStats> field) {
        return history.stream().mapToDouble(field).toArray();
    }
}
