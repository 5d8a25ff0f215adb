package d2l.mlp.train;

/**
 * One line of the book's {@code train_ch3} history.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean per-example loss over the epoch, measured while training
 * @param trainAcc accuracy over the epoch, measured while training
 * @param testAcc accuracy on the test set in evaluation mode after the epoch
 * @param seconds wall time of the epoch (training and evaluation)
 */
public record EpochStats(int epoch, double trainLoss, double trainAcc, double testAcc, double seconds) {}
