package d2l.mlp.train;

import d2l.mlp.core.BookCheck;
import d2l.mlp.core.Figure;
import d2l.mlp.core.Result;
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
