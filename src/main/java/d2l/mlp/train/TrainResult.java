package d2l.mlp.train;

import d2l.mlp.core.Book;
import d2l.mlp.core.BookCheck;
import d2l.mlp.core.Figure;
import d2l.mlp.core.Result;
import d2l.mlp.data.Tensors;
import d2l.mlp.plot.Plots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of a Fashion-MNIST classifier trained with {@link Ch3}.
 *
 * @param history one entry per epoch
 * @param checks the book's numbers next to ours
 * @param figures the training curves and the prediction grid
 */
public record TrainResult(List<EpochStats> history, List<BookCheck> checks, List<Figure> figures) implements Result {

    /**
     * The result of a Fashion-MNIST classifier: its history, the book's final loss, train and test accuracy next to
     * ours, the training curves ({@code training}) and the book's prediction grid ({@code predictions}).
     */
    public static TrainResult of(String title, List<EpochStats> history, Learner learner, Tensors test,
            Book.Value loss, Book.Value trainAcc, Book.Value testAcc) {
        EpochStats last = history.get(history.size() - 1);
        return new TrainResult(history,
                List.of(loss.check(last.trainLoss()), trainAcc.check(last.trainAcc()), testAcc.check(last.testAcc())),
                List.of(Figure.of("training", Plots.history(title, history)),
                        Figure.of("predictions", Predictions.grid(learner, test, 2, 9))));
    }

    /** The last epoch. */
    public EpochStats last() {
        return history.get(history.size() - 1);
    }

    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finalTrainLoss", last().trainLoss());
        m.put("finalTrainAcc", last().trainAcc());
        m.put("finalTestAcc", last().testAcc());
        m.put("history", history);
        return m;
    }
}
