package d2l.mlp.train;

/**
 * Training produced a NaN or infinite loss. The message names the run and the epoch, the learning rate the optimizer
 * was using where the training knows it ({@link #atRate}), and what to do where the caller knows it
 * ({@link #withHint}: the CLI names its {@code --lr}).
 */
public class TrainingDivergedException extends RuntimeException {

    private final String what;
    private final int epoch;
    private final double loss;
    private final String rate;

    public TrainingDivergedException(String what, int epoch, double loss) {
        this(what, epoch, loss, null, null);
    }

    private TrainingDivergedException(String what, int epoch, double loss, String rate, String hint) {
        super(what + ": training loss became " + loss + " in epoch " + epoch + (rate != null ? " " + rate : "") + "."
                + (hint != null ? " " + hint : ""));
        this.what = what;
        this.epoch = epoch;
        this.loss = loss;
        this.rate = rate;
    }

    /** The epoch that diverged, 1-based. */
    public int epoch() {
        return epoch;
    }

    /** This divergence with the optimizer's learning rate named, e.g. {@code "with Adam's rate at 9.6e-4"}. */
    public TrainingDivergedException atRate(String rate) {
        return new TrainingDivergedException(what, epoch, loss, rate, null);
    }

    /** This divergence with a sentence on what to do. */
    public TrainingDivergedException withHint(String hint) {
        return new TrainingDivergedException(what, epoch, loss, rate, hint);
    }
}
