package d2l.mlp.s410_kaggle_house;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.s410_kaggle_house.HouseTraining.Recipe;
import d2l.mlp.s410_kaggle_house.HouseTraining.Trained;
import java.io.IOException;
import java.util.List;

/**
 * Beyond the book: an MLP for the house prices, under the section's protocol (same features, same 5 contiguous
 * folds, same log-rmse, Adam, batch 64). What changes against the linear model: the network learns the standardized
 * {@code log(price)} — the metric's scale, so an error on a cheap house counts as much as on a dear one — through one
 * hidden ReLU layer with dropout, and Adam's weight decay keeps its 331 × {@value #HIDDEN} weights small.
 */
public final class KaggleHouseMlp {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "kaggle-house-mlp",
            "4.10+",
            "House prices beyond the book: MLP on log price, 5-fold",
            KaggleHouseMlp::defaults,
            KaggleHouseMlp::run);

    /** Hidden units. */
    public static final int HIDDEN = 64;
    /** Dropout probability after the hidden layer. */
    public static final float DROPOUT = 0.2f;
    /** Adam's weight decay. */
    public static final float WEIGHT_DECAY = 0.05f;

    private KaggleHouseMlp() {}

    /** 100 epochs, Adam lr 0.001, batch 64. */
    public static RunConfig defaults() {
        return RunConfig.of(100, 0.001, 64);
    }

    public static Recipe mlp(int hidden, float dropout, float weightDecay) {
        return new Recipe(
                () -> new SequentialBlock()
                        .add(Linear.builder().setUnits(hidden).build())
                        .add(Activation::relu)
                        .add(Dropout.builder().optRate(dropout).build())
                        .add(Linear.builder().setUnits(1).build()),
                weightDecay,
                true);
    }

    public static HousePriceResult run(RunConfig cfg) throws IOException {
        HouseData data = HouseData.load(cfg.dataDir());
        return KaggleHouse.protocol(
                "kaggle-house-mlp",
                "MLP",
                mlp(HIDDEN, DROPOUT, WEIGHT_DECAY),
                data,
                cfg,
                (folds, full) ->
                        List.of(BookNumbers.HOUSE_MLP_VALID.check(KaggleHouse.average(folds, Trained::lastValid))));
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
