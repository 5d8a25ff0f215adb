package d2l.mlp.train;

/** Training produced a NaN or infinite loss; the message names the epoch and the learning rate. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String what, int epoch, double lr, double loss) {
        super(what + ": training loss became " + loss + " in epoch " + epoch + " with learning rate " + lr
                + ". The step size is too large for this model: lower --lr (the book uses 0.1 for the MLP).");
    }
}
