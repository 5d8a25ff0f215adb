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

    // §6 dropout, 784-256-256-10, p = 0.2 / 0.5, lr 0.5, 10 epochs (official builds' spread)
    public static final Value DROPOUT_SCRATCH_LOSS = new Value("final train loss", 0.3303, 0.328, 0.342);
    public static final Value DROPOUT_SCRATCH_TRAIN_ACC = new Value("final train acc", 0.8774, 0.874, 0.881);
    public static final Value DROPOUT_SCRATCH_TEST_ACC = new Value("final test acc", 0.8565, 0.78, 0.869);
    public static final Value DROPOUT_CONCISE_LOSS = new Value("final train loss", 0.3435, 0.339, 0.364);
    public static final Value DROPOUT_CONCISE_TRAIN_ACC = new Value("final train acc", 0.8747, 0.869, 0.876);
    public static final Value DROPOUT_CONCISE_TEST_ACC = new Value("final test acc", 0.8441, 0.823, 0.872);

    // §8 numerical stability. Largest |entry| of a N(0,1) 4×4 matrix after 100 more products: only a range.
    public static final Value EXPLODING_MAX = new Value("max |entry| after 100 4x4 products", Double.NaN, 1.9e22,
            3.8e29);
    // Xavier: Var(W) = 2/(n_in + n_out). As a ratio empirical / formula on 10⁶ draws; the range is ±1 % (over 7
    // standard errors of a variance estimate from 10⁶ uniform or normal draws), not a spread of builds.
    public static final Value XAVIER_UNIFORM_VAR_RATIO = new Value("Xavier uniform Var(W)·(n_in+n_out)/2", 1.0, 0.99,
            1.01);
    public static final Value XAVIER_NORMAL_VAR_RATIO = new Value("Xavier normal Var(W)·(n_in+n_out)/2", 1.0, 0.99,
            1.01);
}
