package d2l.mlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * What {@link ClassifierTraining#train} needs from a network: one training step, and predictions in evaluation mode.
 */
public interface Learner {

    /**
     * Forward, loss, backward and parameter update on one minibatch.
     *
     * @return the predictions (logits) and the mean loss over the batch, both belonging to the batch's manager
     */
    NDList trainBatch(NDArray x, NDArray y);

    /** Logits in evaluation mode (no dropout, no gradient). */
    NDArray predict(NDArray x);
}
