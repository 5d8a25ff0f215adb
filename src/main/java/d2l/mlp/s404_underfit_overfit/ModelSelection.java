package d2l.mlp.s404_underfit_overfit;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.data.KFold;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.BatchedLinearModels;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/**
 * Section 4.4's model selection: pick the polynomial degree (1…19, i.e. 2…20 features) by k-fold cross-validation
 * on the 100 training rows only, then retrain every degree on all training rows and report the test loss of the
 * chosen one (and of the others, to show how well validation tracked test). Same data, model, loss (MSE without ½)
 * and SGD as {@link UnderfitOverfit}; every degree trains for {@code cfg.epochs()} (400) epochs. k = 5 contiguous
 * folds of 20 rows, as the book's {@code get_k_fold_data}. All 5 × 19 validation models train together as one
 * {@link BatchedLinearModels}, so the full protocol takes about a second.
 */
public final class ModelSelection {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "model-selection",
            "4.4",
            "polynomial degree chosen by 5-fold cross-validation",
            ModelSelection::defaults,
            ModelSelection::run);

    public static final int K = 5;
    public static final int MAX_DEGREE = PolyData.MAX_DEGREE - 1;

    /**
     * @param degrees the candidate degrees 1…19
     * @param trainLoss per degree, mean over folds of the final loss on the k−1 training folds
     * @param validLoss per degree, mean over folds of the final loss on the held-out fold
     * @param testLoss per degree, test loss after training on all 100 training rows
     * @param chosen the degree with the lowest validation loss
     */
    public record Result(int[] degrees, double[] trainLoss, double[] validLoss, double[] testLoss, int chosen)
            implements ExperimentResult {

        public double chosenTestLoss() {
            return testLoss[chosen - degrees[0]];
        }

        @Override
        public Metrics metrics() {
            return new Metrics(
                    "mean squared error without 1/2 (the book's nn.MSELoss)",
                    K,
                    degrees,
                    trainLoss,
                    validLoss,
                    testLoss,
                    chosen,
                    chosenTestLoss());
        }

        @Override
        public List<Figure> figures() {
            double[] x = IntStream.of(degrees).asDoubleStream().toArray();
            XYChart chart = Plots.chart(
                    K + "-fold model selection (chosen degree " + chosen + ")", "polynomial degree", "loss", true);
            Plots.line(chart, "train (k-fold mean)", x, trainLoss);
            Plots.line(chart, "validation (k-fold mean)", x, validLoss);
            Plots.line(chart, "test (refit on all train rows)", x, testLoss);
            return List.of(Figure.of("loss-vs-degree", chart));
        }
    }

    /** What metrics.json holds: {@link Result} with the loss and k, and the chosen degree's test loss. */
    public record Metrics(
            String loss,
            int k,
            int[] degrees,
            double[] trainLoss,
            double[] validLoss,
            double[] testLoss,
            int chosenDegree,
            double chosenTestLoss) {}

    private ModelSelection() {}

    /** 400 epochs, lr 0.01, batch 10: the book's polynomial setting. */
    public static RunConfig defaults() {
        return RunConfig.of(400, 0.01, 10);
    }

    public static Result run(RunConfig cfg) {
        Random rng = new Random(cfg.seed());
        PolyData data = PolyData.generate(rng);
        int[] degrees = IntStream.rangeClosed(1, MAX_DEGREE).toArray();
        int[] used = IntStream.of(degrees).map(d -> d + 1).toArray();
        int f = PolyData.MAX_DEGREE;
        int d = degrees.length;
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            InMemoryDataset train = data.train(m);
            NDList tx = new NDList();
            NDList ty = new NDList();
            NDList vx = new NDList();
            NDList vy = new NDList();
            for (int i = 0; i < K; i++) {
                KFold.Fold fold = KFold.fold(m, train, K, i);
                tx.add(fold.train().x());
                ty.add(fold.train().y());
                vx.add(fold.valid().x());
                vy.add(fold.valid().y());
            }
            InMemoryDataset folds = new InMemoryDataset(NDArrays.stack(tx), NDArrays.stack(ty));
            InMemoryDataset valid = new InMemoryDataset(NDArrays.stack(vx), NDArrays.stack(vy));
            int[] last = {cfg.epochs()};
            BatchedLinearModels.Sgd sgd = BatchedLinearModels.Sgd.of(cfg, rng);
            BatchedLinearModels.Trace cv = BatchedLinearModels.train(
                    "model-selection",
                    (g, j) -> "degree " + (used[j] - 1) + ", fold " + (g + 1),
                    folds,
                    BatchedLinearModels.Models.init(m, K, used, f, rng),
                    sgd,
                    new BatchedLinearModels.Logging(last, List.of(folds, valid)));
            double[] trainLoss = new double[d];
            double[] validLoss = new double[d];
            for (int g = 0; g < K; g++) {
                for (int j = 0; j < d; j++) {
                    trainLoss[j] += cv.loss()[0][0][g * d + j] / K;
                    validLoss[j] += cv.loss()[0][1][g * d + j] / K;
                }
            }
            int best = 0;
            for (int j = 1; j < d; j++) {
                if (validLoss[j] < validLoss[best]) {
                    best = j;
                }
            }
            InMemoryDataset all =
                    new InMemoryDataset(train.x().expandDims(0), train.y().expandDims(0));
            InMemoryDataset test = data.test(m);
            InMemoryDataset test1 =
                    new InMemoryDataset(test.x().expandDims(0), test.y().expandDims(0));
            BatchedLinearModels.Trace refit = BatchedLinearModels.train(
                    "model-selection, all training rows",
                    (g, j) -> "degree " + (used[j] - 1),
                    all,
                    BatchedLinearModels.Models.init(m, 1, used, f, rng),
                    sgd,
                    new BatchedLinearModels.Logging(last, List.of(test1)));
            double[] testLoss = new double[d];
            for (int j = 0; j < d; j++) {
                testLoss[j] = refit.loss()[0][0][j];
            }
            Result result = new Result(degrees, trainLoss, validLoss, testLoss, degrees[best]);
            System.out.printf(
                    "%d-fold validation loss by degree: %s%nchosen degree %d, test loss %.4g%n",
                    K, java.util.Arrays.toString(validLoss), result.chosen(), result.chosenTestLoss());
            return result;
        }
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
