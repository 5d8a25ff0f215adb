package d2l.mlp.s404_underfit_overfit;

import ai.djl.ndarray.NDManager;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Inline;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.BatchedLinearModels;
import d2l.mlp.train.BatchedLinearModels.Sgd;
import d2l.mlp.train.LossCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.knowm.xchart.XYChart;

/**
 * Section 4.4: polynomial regression fitted with a cubic (right), a line (underfit) and all 20 features, i.e.
 * degree 19 (overfit). Each is a bias-free linear model trained with SGD (lr 0.01, batch 10) on the mean squared
 * error <em>without</em> the ½ (the book's {@code nn.MSELoss}); train and test loss are logged at epoch 1 and every
 * 20 epochs. The cubic and the line train for {@code cfg.epochs()} (400), the 20-feature fit for 15/4 of that
 * (1500).
 */
public final class UnderfitOverfit {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "underfit-overfit",
            "4.4",
            "polynomial regression: degree 3, 1 and 19 (all features)",
            UnderfitOverfit::defaults,
            UnderfitOverfit::run);

    /**
     * One polynomial fitted.
     *
     * @param name "degree 3", "degree 1" or "degree 19 (all 20 features)"
     * @param features number of features used (degree + 1)
     * @param epochs epochs trained: the run's, or 15/4 of them for all 20 features
     * @param weights the learned weights
     * @param loss train and test loss at epoch 1 and every 20 epochs
     */
    public record PolynomialFit(String name, int features, int epochs, float[] weights, LossCurve loss) {}

    /** The three fits. */
    public record Result(List<PolynomialFit> fits) implements ExperimentResult {

        public PolynomialFit cubic() {
            return fits.get(0);
        }

        public PolynomialFit line() {
            return fits.get(1);
        }

        public PolynomialFit all() {
            return fits.get(2);
        }

        @Override
        public Metrics metrics() {
            Map<String, FitMetrics> byName = new LinkedHashMap<>();
            fits.forEach(f -> byName.put(
                    f.name(),
                    new FitMetrics(
                            f.features(), f.epochs(), f.weights(), f.loss().metrics())));
            return new Metrics(
                    "mean squared error without 1/2 (the book's nn.MSELoss)",
                    PolyData.TRUE_W,
                    byName,
                    Map.of(
                            "degree 1 train",
                            BookNumbers.POLY1_TRAIN_LOSS,
                            "degree 1 test",
                            BookNumbers.POLY1_TEST_LOSS,
                            "all features train",
                            BookNumbers.POLY20_TRAIN_LOSS,
                            "all features test",
                            BookNumbers.POLY20_TEST_LOSS));
        }

        @Override
        public List<BookCheck> checks() {
            float[] w3 = cubic().weights();
            float[] w1 = line().weights();
            return List.of(
                    BookNumbers.POLY3_W0.check(w3[0]),
                    BookNumbers.POLY3_W1.check(w3[1]),
                    BookNumbers.POLY3_W2.check(w3[2]),
                    BookNumbers.POLY3_W3.check(w3[3]),
                    BookNumbers.POLY3_TRAIN_LOSS.check(cubic().loss().finalTrain()),
                    BookNumbers.POLY3_TEST_LOSS.check(cubic().loss().finalTest()),
                    BookNumbers.POLY1_W0.check(w1[0]),
                    BookNumbers.POLY1_W1.check(w1[1]));
        }

        @Override
        public List<Figure> figures() {
            List<Figure> figs = new ArrayList<>();
            String[] files = {"degree-3", "degree-1", "all-features"};
            for (int i = 0; i < fits.size(); i++) {
                PolynomialFit f = fits.get(i);
                double[] x = Arrays.stream(f.loss().epochs()).asDoubleStream().toArray();
                XYChart chart = Plots.chart(f.name(), "epoch", "loss", true);
                Plots.line(chart, "train", x, f.loss().train());
                Plots.line(chart, "test", x, f.loss().test());
                figs.add(Figure.of(files[i], chart));
            }
            return figs;
        }
    }

    /**
     * What metrics.json holds.
     *
     * @param fits by name
     * @param bookFinalLosses the book's final losses of the line and of the 20-feature fit (written with sorted keys)
     */
    public record Metrics(
            String loss,
            double[] trueWeights,
            @Inline Map<String, FitMetrics> fits,
            Map<String, Double> bookFinalLosses) {}

    /**
     * One fit in metrics.json.
     *
     * @param epochsTrained how long this fit trained (the config's epochs are the cubic's and the line's)
     */
    public record FitMetrics(
            int features,
            int epochsTrained,
            float[] weights,
            @Inline LossCurve.Metrics loss) {}

    private UnderfitOverfit() {}

    /** The book's setting: 400 epochs (1500 for all features), lr 0.01, batch 10. */
    public static RunConfig defaults() {
        return RunConfig.of(400, 0.01, 10);
    }

    public static Result run(RunConfig cfg) {
        Random rng = new Random(cfg.seed());
        PolyData data = PolyData.generate(rng);
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            InMemoryDataset train = data.train(m);
            InMemoryDataset test = data.test(m);
            RunConfig longer = cfg.withEpochs(cfg.epochs() * 15 / 4);
            List<PolynomialFit> fits = List.of(
                    fit(m, "degree 3", 4, train, test, Sgd.of(cfg, rng)),
                    fit(m, "degree 1", 2, train, test, Sgd.of(cfg, rng)),
                    fit(m, "degree 19 (all 20 features)", PolyData.MAX_DEGREE, train, test, Sgd.of(longer, rng)));
            for (PolynomialFit f : fits) {
                System.out.printf(
                        "%s: weight %s, train loss %.4g, test loss %.4g%n",
                        f.name(),
                        Arrays.toString(f.weights()),
                        f.loss().finalTrain(),
                        f.loss().finalTest());
            }
            return new Result(fits);
        }
    }

    /** Trains one bias-free linear model on the first {@code k} features; {@code sgd.shuffle()} also draws w. */
    static PolynomialFit fit(NDManager m, String name, int k, InMemoryDataset train, InMemoryDataset test, Sgd sgd) {
        try (NDManager fm = m.newSubManager()) {
            InMemoryDataset tr = PolyData.firstFeatures(fm, train, k);
            InMemoryDataset te = PolyData.firstFeatures(fm, test, k);
            BatchedLinearModels.Models model = BatchedLinearModels.Models.init(fm, 1, new int[] {k}, k, sgd.shuffle());
            BatchedLinearModels.Trace trace = BatchedLinearModels.train(
                    "underfit-overfit, " + name,
                    (g, j) -> "",
                    tr,
                    model,
                    sgd,
                    new BatchedLinearModels.Logging(
                            BatchedLinearModels.firstAndEvery(sgd.epochs(), 20), List.of(tr, te)));
            double[] trainLoss = new double[trace.epochs().length];
            double[] testLoss = new double[trace.epochs().length];
            for (int p = 0; p < trainLoss.length; p++) {
                trainLoss[p] = trace.loss()[p][0][0];
                testLoss[p] = trace.loss()[p][1][0];
            }
            return new PolynomialFit(
                    name,
                    k,
                    sgd.epochs(),
                    model.weights().toFloatArray(),
                    new LossCurve(trace.epochs(), trainLoss, testLoss));
        }
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
