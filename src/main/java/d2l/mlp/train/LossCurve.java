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
}
