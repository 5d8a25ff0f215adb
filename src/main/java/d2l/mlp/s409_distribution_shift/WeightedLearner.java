package d2l.mlp.s409_distribution_shift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.Learner;

/**
 * A classifier trained on the importance-weighted loss {@code (1/n) Σ βᵢ · loss(f(xᵢ), yᵢ)}. Each example's weight
 * rides along as the last column of its feature row, so the shuffled minibatches of
 * {@link d2l.mlp.train.ClassifierTraining} keep every example with its own weight; the network sees the other
 * columns only.
 */
final class WeightedLearner implements Learner {

    private final ConciseLearner learner;
    private final int classes;

    /**
     * @param learner the network (fed the feature columns) and its optimizer; its configured loss is not used
     * @param classes number of classes of the softmax
     */
    WeightedLearner(ConciseLearner learner, int classes) {
        this.learner = learner;
        this.classes = classes;
    }

    @Override
    public NDList trainBatch(NDArray rows, NDArray y) {
        return learner.trainBatch(
                features(rows), y, (labels, yHat) -> weightedCrossEntropy(yHat, labels, weights(rows), classes));
    }

    @Override
    public NDArray predict(NDArray rows) {
        return learner.predict(features(rows));
    }

    /** All columns but the last. */
    static NDArray features(NDArray rows) {
        return rows.get(new NDIndex(":, :-1"));
    }

    /** The last column. */
    static NDArray weights(NDArray rows) {
        return rows.get(new NDIndex(":, -1"));
    }

    /**
     * {@code (1/n) Σ wᵢ · (−log softmax(logitsᵢ)[yᵢ])}: softmax cross-entropy per example, scaled by its weight,
     * averaged over the batch. With all weights 1 it is DJL's softmax cross-entropy loss.
     */
    static NDArray weightedCrossEntropy(NDArray logits, NDArray labels, NDArray weights, int classes) {
        NDArray picked = logits.logSoftmax(1)
                .mul(labels.toType(DataType.INT64, false).oneHot(classes))
                .sum(new int[] {1});
        return picked.mul(weights).neg().mean();
    }
}
