package d2l.mlp.train;

/**
 * Training and test loss at the logged epochs of one training run.
 *
 * @param epochs the logged epochs
 * @param train training loss at each logged epoch
 * @param test test loss at each logged epoch
 */
public record LossCurve(int[] epochs, double[] train, double[] test) {

    public double finalTrain() {
        return train[train.length - 1];
    }

    public double finalTest() {
        return test[test.length - 1];
    }

    /** The curve as metrics.json shows it: the final losses first. */
    public Metrics metrics() {
        return new Metrics(finalTrain(), finalTest(), epochs, train, test);
    }

    /** The keys of a loss curve in metrics.json. */
    public record Metrics(
            double finalTrainLoss, double finalTestLoss, int[] epochs, double[] trainLoss, double[] testLoss) {}
}
