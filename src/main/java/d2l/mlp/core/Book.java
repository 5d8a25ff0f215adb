package d2l.mlp.core;

/**
 * The book's published numbers (../shared/reference/book-results.md): the zh 2.0.0 build's value and the spread
 * over the official builds. The book sets no seed, so a faithful run lands inside the spread, not on one value.
 * Tests and results/README.md both read these, so a regression bound is always the book's.
 */
public final class Book {

    /**
     * A published number.
     *
     * @param quantity what it measures
     * @param value zh 2.0.0's value (NaN where only a range is published)
     * @param lo low end of the spread
     * @param hi high end of the spread
     */
    public record Value(String quantity, double value, double lo, double hi) {

        public BookCheck check(double ours) {
            return new BookCheck(quantity, value, lo, hi, ours);
        }
    }

    private Book() {}

    // §1 activations: the maximum of the sigmoid's gradient is 1/4 at x = 0, tanh's is 1.
    public static final Value SIGMOID_GRAD_MAX = new Value("max sigmoid gradient", 0.25, 0.2499, 0.25);
    public static final Value TANH_GRAD_MAX = new Value("max tanh gradient", 1.0, 0.9999, 1.0);

    // §2 MLP from scratch, 10 epochs (19 builds)
    public static final Value SCRATCH_LOSS = new Value("final train loss", 0.3845, 0.380, 0.386);
    public static final Value SCRATCH_TRAIN_ACC = new Value("final train acc", 0.8631, 0.863, 0.867);
    public static final Value SCRATCH_TEST_ACC = new Value("final test acc", 0.8232, 0.823, 0.855);

    // §3 MLP concise, 10 epochs (18 builds)
    public static final Value CONCISE_LOSS = new Value("final train loss", 0.3820, 0.380, 0.386);
    public static final Value CONCISE_TRAIN_ACC = new Value("final train acc", 0.8652, 0.863, 0.866);
    public static final Value CONCISE_TEST_ACC = new Value("final test acc", 0.8382, 0.828, 0.853);

    // §4.10 Kaggle house prices: linear model, 5-fold contiguous CV (20 builds), and the MLP's target
    public static final Value HOUSE_AVG_TRAIN = new Value("average train log rmse, 5 folds", 0.165458, 0.1652, 0.1661);
    public static final Value HOUSE_AVG_VALID = new Value("average valid log rmse, 5 folds", 0.170293, 0.1702, 0.1712);
    public static final Value HOUSE_FULL_TRAIN = new Value("train log rmse, all training data", 0.162354, 0.1620,
            0.1628);
    /** Not the book's: the target for our MLP (≤ 0.14); the book column shows the book's linear model. */
    public static final Value HOUSE_MLP_VALID = new Value(
            "MLP average valid log rmse, 5 folds (target <= 0.14; book: linear model)", 0.170293, 0, 0.14);
}
