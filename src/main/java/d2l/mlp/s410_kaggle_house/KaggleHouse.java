package d2l.mlp.s410_kaggle_house;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;
import d2l.mlp.cli.Main;
import d2l.mlp.core.Book;
import d2l.mlp.core.BookCheck;
import d2l.mlp.core.Djl;
import d2l.mlp.core.Figure;
import d2l.mlp.core.RunConfig;
import d2l.mlp.data.Tensors;
import d2l.mlp.plot.Plots;
import d2l.mlp.s410_kaggle_house.HouseTraining.Fit;
import d2l.mlp.s410_kaggle_house.HouseTraining.Recipe;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
        return new Recipe(() -> {
            SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(1).build());
            net.setInitializer(init, Parameter.Type.WEIGHT);
            net.setInitializer(init, Parameter.Type.BIAS);
            return net;
        }, 0f, false);
    }

    public static HouseResult run(RunConfig cfg) throws IOException {
        HouseData data = HouseData.load(cfg.dataDir());
        return protocol("kaggle-house", "linear model", linear(data.columns().size()), data, cfg,
                (folds, full) -> List.of(
                        Book.HOUSE_AVG_TRAIN.check(average(folds, Fit::lastTrain)),
                        Book.HOUSE_AVG_VALID.check(average(folds, Fit::lastValid)),
                        Book.HOUSE_FULL_TRAIN.check(full.lastTrain())));
    }

    /**
     * The section's protocol for {@code recipe}: k-fold cross-validation (per-fold and average log-rmse printed),
     * then training on all data, predicting the test houses and writing {@code out/name/submission.csv} when
     * {@code cfg.out()} is set.
     */
    public static HouseResult protocol(String name, String label, Recipe recipe, HouseData data, RunConfig cfg,
            BiFunction<List<Fit>, Fit, List<BookCheck>> checks) throws IOException {
        Device device = Djl.device(cfg.device());
        try (NDManager m = Djl.newManager(device); Djl.ThreadScope one = Djl.singleThreaded(device)) {
            Tensors train = data.train(m);
            NDArray test = data.test(m);
            List<Fit> folds = HouseTraining.kFold(recipe, cfg, train, K);
            for (int i = 0; i < folds.size(); i++) {
                System.out.printf("  %s fold %d: train log rmse %.6f, valid log rmse %.6f%n", label, i + 1,
                        folds.get(i).lastTrain(), folds.get(i).lastValid());
            }
            System.out.printf("  %s %d-fold average: train log rmse %.6f, valid log rmse %.6f%n", label, K,
                    average(folds, Fit::lastTrain), average(folds, Fit::lastValid));
            Fit full = HouseTraining.fit(recipe, cfg, train, null, test, new Random(cfg.seed() + K));
            System.out.printf("  %s on all training data: train log rmse %.6f%n", label, full.lastTrain());
            Path submission = cfg.out() == null ? null
                    : writeSubmission(cfg.out().resolve(name), data.testIds(), full.testPreds());
            double[] epochs = IntStream.rangeClosed(1, cfg.epochs()).asDoubleStream().toArray();
            XYChart chart = Plots.chart("House prices, " + label + ", fold 1", "epoch", "log rmse", true);
            Plots.line(chart, "train", epochs, folds.get(0).trainLs());
            Plots.line(chart, "valid", epochs, folds.get(0).validLs());
            return new HouseResult(folds, full, data.testIds(), submission, checks.apply(folds, full),
                    List.of(Figure.of("fold1", chart)));
        }
    }

    /** Writes {@code dir/submission.csv} (header Id,SalePrice) in one move, so no partial file is ever left. */
    static Path writeSubmission(Path dir, int[] ids, float[] prices) throws IOException {
        if (ids.length != prices.length) {
            throw new IllegalArgumentException(ids.length + " test ids but " + prices.length + " predictions");
        }
        Files.createDirectories(dir);
        Path target = dir.resolve("submission.csv");
        Path part = dir.resolve(".submission.csv.part");
        try {
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                w.write("Id,SalePrice\n");
                for (int i = 0; i < ids.length; i++) {
                    w.write(ids[i] + "," + new BigDecimal(Float.toString(prices[i])).toPlainString() + "\n");
                }
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    static double average(List<Fit> folds, java.util.function.ToDoubleFunction<Fit> f) {
        return folds.stream().mapToDouble(f).average().orElseThrow();
    }

    public static void main(String[] args) {
        Main.runOne("kaggle-house", args);
    }
}
