package d2l.mlp.s410_kaggle_house;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s410_kaggle_house.HouseTraining.Recipe;
import d2l.mlp.s410_kaggle_house.HouseTraining.Trained;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/**
 * Section 4.10: predicting house prices on Kaggle. A single {@code Linear(331 → 1)} on the raw price, mean squared
 * error, Adam; 5-fold contiguous cross-validation, then training on all 1460 houses and writing
 * {@code submission.csv} (Id, SalePrice) for the 1459 test houses.
 *
 * <p>Weights and bias start as torch's {@code nn.Linear} does, uniform in ±1/√331.
 */
public final class KaggleHouse {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "kaggle-house",
            "4.10",
            "House prices: linear model, 5-fold log rmse, submission.csv",
            KaggleHouse::defaults,
            KaggleHouse::run);

    /** Number of folds. */
    public static final int K = 5;

    private KaggleHouse() {}

    /** The book's setting: 100 epochs, Adam lr 5, batch 64 (weight decay 0). */
    public static RunConfig defaults() {
        return RunConfig.of(100, 5, 64);
    }

    /** The book's model for {@code d} features. */
    public static Recipe linear(int d) {
        UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(d)));
        return new Recipe(
                () -> {
                    SequentialBlock net = new SequentialBlock()
                            .add(Linear.builder().setUnits(1).build());
                    net.setInitializer(init, Parameter.Type.WEIGHT);
                    net.setInitializer(init, Parameter.Type.BIAS);
                    return net;
                },
                0f,
                false);
    }

    public static HousePriceResult run(RunConfig cfg) throws IOException {
        HouseData data = HouseData.load(cfg.dataDir());
        return protocol(
                "kaggle-house",
                "linear model",
                linear(data.columns().size()),
                data,
                cfg,
                (folds, full) -> List.of(
                        BookNumbers.HOUSE_AVG_TRAIN.check(average(folds, Trained::lastTrain)),
                        BookNumbers.HOUSE_AVG_VALID.check(average(folds, Trained::lastValid)),
                        BookNumbers.HOUSE_FULL_TRAIN.check(full.lastTrain())));
    }

    /**
     * The section's protocol for {@code recipe}: k-fold cross-validation (per-fold and average log-rmse printed),
     * then training on all data and predicting the test houses (the result's {@code submission.csv}).
     */
    public static HousePriceResult protocol(
            String name,
            String label,
            Recipe recipe,
            HouseData data,
            RunConfig cfg,
            BiFunction<List<Trained>, Trained, List<BookCheck>> checks)
            throws IOException {
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device);
                TorchRuntime.ThreadScope one = TorchRuntime.singleThreaded(device)) {
            InMemoryDataset train = data.train(m);
            NDArray test = data.test(m);
            List<Trained> folds = HouseTraining.kFold(name, recipe, cfg, train, K);
            for (int i = 0; i < folds.size(); i++) {
                System.out.printf(
                        "  %s fold %d: train log rmse %.6f, valid log rmse %.6f%n",
                        label, i + 1, folds.get(i).lastTrain(), folds.get(i).lastValid());
            }
            System.out.printf(
                    "  %s %d-fold average: train log rmse %.6f, valid log rmse %.6f%n",
                    label, K, average(folds, Trained::lastTrain), average(folds, Trained::lastValid));
            Trained full = HouseTraining.fit(
                    name + ", all training data", recipe, cfg, train, null, test, new Random(cfg.seed() + K));
            System.out.printf("  %s on all training data: train log rmse %.6f%n", label, full.lastTrain());
            double[] epochs =
                    IntStream.rangeClosed(1, cfg.epochs()).asDoubleStream().toArray();
            XYChart chart = Plots.chart("House prices, " + label + ", fold 1", "epoch", "log rmse", true);
            Plots.line(chart, "train", epochs, folds.get(0).trainLs());
            Plots.line(chart, "valid", epochs, folds.get(0).validLs());
            return new HousePriceResult(
                    folds, full, data.testIds(), checks.apply(folds, full), List.of(Figure.of("fold1", chart)));
        }
    }

    /** The Kaggle submission: header {@code Id,SalePrice}, one line per test house. */
    static String submission(int[] ids, float[] prices) {
        if (ids.length != prices.length) {
            throw new IllegalArgumentException(ids.length + " test ids but " + prices.length + " predictions");
        }
        StringBuilder csv = new StringBuilder("Id,SalePrice\n");
        for (int i = 0; i < ids.length; i++) {
            csv.append(ids[i])
                    .append(',')
                    .append(new BigDecimal(Float.toString(prices[i])).toPlainString())
                    .append('\n');
        }
        return csv.toString();
    }

    static double average(List<Trained> folds, java.util.function.ToDoubleFunction<Trained> f) {
        return folds.stream().mapToDouble(f).average().orElseThrow();
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
