package d2l.mlp.train;

/** Training produced a NaN or infinite loss; the message names the epoch and the learning rate. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String what, int epoch, double lr, double loss) {
        super(what + ": training loss became " + loss + " in epoch " + epoch + " with learning rate " + lr
                + ". The step size is too large for this model: run it again with a smaller --lr (see 'd2l-mlp list' "
                + "and docs/fidelity.md for the book's values).");
    }
}
