package d2l.mlp.reference;

/**
 * The book's published numbers, read off its official executed notebooks (PyTorch edition): the zh 2.0.0 build's
 * value and the spread over about 20 official builds. The book sets no seed, so a faithful run lands inside the
 * spread, not on one value.
 * Tests and results/README.md both read these, so a regression bound is always the book's.
 */
public final class BookNumbers {

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

    /** A Fashion-MNIST classifier's published final train loss, train accuracy and test accuracy. */
    public record ClassifierFinals(Value loss, Value trainAcc, Value testAcc) {}

    private BookNumbers() {}

    // §1 activations: the maximum of the sigmoid's gradient is 1/4 at x = 0, tanh's is 1.
    public static final Value SIGMOID_GRAD_MAX = new Value("max sigmoid gradient", 0.25, 0.2499, 0.25);
    public static final Value TANH_GRAD_MAX = new Value("max tanh gradient", 1.0, 0.9999, 1.0);

    // §2 MLP from scratch, 10 epochs (19 builds)
    public static final Value SCRATCH_LOSS = new Value("final train loss", 0.3845, 0.380, 0.386);
    public static final Value SCRATCH_TRAIN_ACC = new Value("final train acc", 0.8631, 0.863, 0.867);
    public static final Value SCRATCH_TEST_ACC = new Value("final test acc", 0.8232, 0.823, 0.855);
    public static final ClassifierFinals SCRATCH =
            new ClassifierFinals(SCRATCH_LOSS, SCRATCH_TRAIN_ACC, SCRATCH_TEST_ACC);

    // §3 MLP concise, 10 epochs (18 builds)
    public static final Value CONCISE_LOSS = new Value("final train loss", 0.3820, 0.380, 0.386);
    public static final Value CONCISE_TRAIN_ACC = new Value("final train acc", 0.8652, 0.863, 0.866);
    public static final Value CONCISE_TEST_ACC = new Value("final test acc", 0.8382, 0.828, 0.853);
    public static final ClassifierFinals CONCISE =
            new ClassifierFinals(CONCISE_LOSS, CONCISE_TRAIN_ACC, CONCISE_TEST_ACC);

    // §4 polynomial regression (underfit-overfit). For the degree-3 weights the book gives the zh 2.0.0 build's
    // values and the typical values across builds, not a spread: the band is the hull of the true weight, zh 2.0.0
    // and the typical value, widened by 0.1. Degree-1 weights: the published range over builds. Degree-3 losses:
    // the published range over builds (noise floor 0.01).
    public static final Value POLY3_W0 = new Value("degree-3 w[0] (true 5)", 5.010476, 4.87, 5.11);
    public static final Value POLY3_W1 = new Value("degree-3 w[1] (true 1.2)", 1.2354498, 1.10, 1.39);
    public static final Value POLY3_W2 = new Value("degree-3 w[2] (true -3.4)", -3.4229028, -3.52, -3.26);
    public static final Value POLY3_W3 = new Value("degree-3 w[3] (true 5.6)", 5.503297, 5.31, 5.70);
    public static final Value POLY3_TRAIN_LOSS = new Value("degree-3 final train loss", Double.NaN, 0.0106, 0.0108);
    public static final Value POLY3_TEST_LOSS = new Value("degree-3 final test loss", Double.NaN, 0.0106, 0.0108);
    public static final Value POLY1_W0 = new Value("degree-1 w[0]", 3.4049764, 2.5, 3.6);
    public static final Value POLY1_W1 = new Value("degree-1 w[1]", 3.9939284, 3.1, 5.5);
    /** zh 2.0.0's final losses; the book gives no spread, only "both high" (degree 1) and "test above train". */
    public static final double POLY1_TRAIN_LOSS = 8.4;

    public static final double POLY1_TEST_LOSS = 15.6;
    public static final double POLY20_TRAIN_LOSS = 0.0121;
    public static final double POLY20_TEST_LOSS = 0.0178;

    // §5 weight decay: ||w||_2 after 100 epochs (spread over the official builds)
    public static final Value WD_SCRATCH_NORM_0 = new Value("scratch ‖w‖ (lambda 0)", 12.963, 12.66, 14.87);
    public static final Value WD_SCRATCH_NORM_3 = new Value("scratch ‖w‖ (lambda 3)", 0.3557, 0.346, 0.400);
    public static final Value WD_CONCISE_NORM_0 = new Value("concise ‖w‖ (wd 0)", 13.728, 12.28, 14.67);
    public static final Value WD_CONCISE_NORM_3 = new Value("concise ‖w‖ (wd 3)", 0.3891, 0.345, 0.72);
    // §4.10 Kaggle house prices: linear model, 5-fold contiguous CV (20 builds), and the bar our MLP must clear
    public static final Value HOUSE_AVG_TRAIN = new Value("average train log rmse, 5 folds", 0.165458, 0.1652, 0.1661);
    public static final Value HOUSE_AVG_VALID = new Value("average valid log rmse, 5 folds", 0.170293, 0.1702, 0.1712);
    public static final Value HOUSE_FULL_TRAIN =
            new Value("train log rmse, all training data", 0.162354, 0.1620, 0.1628);
    /** Not the book's: the project's own bar for its MLP (≤ 0.14); the book column shows the book's linear model. */
    public static final Value HOUSE_MLP_VALID =
            new Value("MLP average valid log rmse, 5 folds (target <= 0.14; book: linear model)", 0.170293, 0, 0.14);

    // §6 dropout, 784-256-256-10, p = 0.2 / 0.5, lr 0.5, 10 epochs (official builds' spread)
    public static final Value DROPOUT_SCRATCH_LOSS = new Value("final train loss", 0.3303, 0.328, 0.342);
    public static final Value DROPOUT_SCRATCH_TRAIN_ACC = new Value("final train acc", 0.8774, 0.874, 0.881);
    public static final Value DROPOUT_SCRATCH_TEST_ACC = new Value("final test acc", 0.8565, 0.78, 0.869);
    public static final ClassifierFinals DROPOUT_SCRATCH =
            new ClassifierFinals(DROPOUT_SCRATCH_LOSS, DROPOUT_SCRATCH_TRAIN_ACC, DROPOUT_SCRATCH_TEST_ACC);
    public static final Value DROPOUT_CONCISE_LOSS = new Value("final train loss", 0.3435, 0.339, 0.364);
    public static final Value DROPOUT_CONCISE_TRAIN_ACC = new Value("final train acc", 0.8747, 0.869, 0.876);
    public static final Value DROPOUT_CONCISE_TEST_ACC = new Value("final test acc", 0.8441, 0.823, 0.872);
    public static final ClassifierFinals DROPOUT_CONCISE =
            new ClassifierFinals(DROPOUT_CONCISE_LOSS, DROPOUT_CONCISE_TRAIN_ACC, DROPOUT_CONCISE_TEST_ACC);
    /**
     * Not the book's: the project's own bar for mlp-best (median test accuracy of 3 seeds ≥ 0.900); the book column
     * shows the book's concise dropout MLP after 10 epochs.
     */
    public static final Value BEST_MLP_TEST_ACC = new Value(
            "median test acc of 3 seeds (target >= 0.900; book: 4.6 dropout MLP)",
            DROPOUT_CONCISE_TEST_ACC.value(),
            0.900,
            1.0);

    // §8 numerical stability. Largest |entry| of a N(0,1) 4×4 matrix after 100 more products: only a range.
    public static final Value EXPLODING_MAX =
            new Value("max abs entry after 100 4x4 products", Double.NaN, 1.9e22, 3.8e29);
    // Xavier: Var(W) = 2/(n_in + n_out). As a ratio empirical / formula on 10⁶ draws; the range is ±1 % (over 7
    // standard errors of a variance estimate from 10⁶ uniform or normal draws), not a spread of builds.
    public static final Value XAVIER_UNIFORM_VAR_RATIO =
            new Value("Xavier uniform Var(W)·(n_in+n_out)/2", 1.0, 0.99, 1.01);
    public static final Value XAVIER_NORMAL_VAR_RATIO =
            new Value("Xavier normal Var(W)·(n_in+n_out)/2", 1.0, 0.99, 1.01);
}
