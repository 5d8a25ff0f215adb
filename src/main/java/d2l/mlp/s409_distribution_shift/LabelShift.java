package d2l.mlp.s409_distribution_shift;

import static d2l.mlp.stats.Statistics.accuracy;
import static d2l.mlp.stats.Statistics.argMaxPerRow;
import static d2l.mlp.stats.Statistics.frequencies;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Label shift and its correction by the confusion matrix: a classifier trained on balanced Fashion-MNIST meets a
 * target where a few classes are {@value #BOOST}× more frequent. From its confusion matrix {@code C} on held-out
 * source data and its mean prediction {@code μ} on the unlabelled target, {@code C · q = μ} gives the target's label
 * distribution {@code q(y)}; the outputs are then re-weighted by {@code q(y) / p(y)}.
 */
public final class LabelShift {

    /** Classes made more frequent in the target: each has a confusable neighbour that is not (shirt vs t-shirt, …). */
    public static final List<Integer> BOOSTED = List.of(3, 6, 7);
    /** How much more frequent a boosted class is than any other in the target. */
    public static final int BOOST = 5;
    /** Training examples held out as source validation, for the confusion matrix. */
    public static final int SOURCE_VALIDATION = 10_000;

    static final int CLASSES = 10;

    private LabelShift() {}

    /**
     * What the label-shift run measured.
     *
     * @param history the source classifier's training (test accuracy = source validation accuracy)
     * @param targetSize examples in the shifted target
     * @param sourceP p(y), label frequencies of the source training set
     * @param trueQ q(y), label frequencies of the target (unseen by the estimate)
     * @param estimatedQ q from solving C·q = μ, clipped at 0 and renormalized
     * @param leastSquaresQ q from least squares (Householder QR), clipped and renormalized
     * @param uncorrected target accuracy of the classifier as trained
     * @param corrected target accuracy with outputs re-weighted by the estimated q(y)/p(y)
     * @param oracle target accuracy with outputs re-weighted by the true q(y)/p(y)
     */
    public record Result(
            List<EpochStats> history,
            int targetSize,
            double[] sourceP,
            double[] trueQ,
            double[] estimatedQ,
            double[] leastSquaresQ,
            double uncorrected,
            double corrected,
            double oracle) {

        /** L1 distance between the estimated and the true q. */
        public double l1Error() {
            return LinearSystems.l1(estimatedQ, trueQ);
        }

        public Metrics metrics() {
            return new Metrics(
                    BOOSTED.stream().map(FashionMnist.TEXT_LABELS::get).toList(),
                    BOOST,
                    targetSize,
                    history.get(history.size() - 1).testAcc(),
                    sourceP,
                    trueQ,
                    estimatedQ,
                    leastSquaresQ,
                    l1Error(),
                    LinearSystems.l1(leastSquaresQ, trueQ),
                    LinearSystems.l1(sourceP, trueQ),
                    uncorrected,
                    corrected,
                    oracle,
                    oracle - corrected,
                    history);
        }
    }

    /**
     * What metrics.json holds of the label-shift run: {@link Result}'s numbers, with the L1 errors of the two
     * estimates and of assuming no shift, and the corrected accuracy's gap to the oracle's.
     */
    public record Metrics(
            List<String> boostedClasses,
            int boost,
            int targetSize,
            double sourceValidationAccuracy,
            double[] sourceP,
            double[] trueQ,
            double[] estimatedQ,
            double[] leastSquaresQ,
            double l1Error,
            double l1ErrorLeastSquares,
            double l1ErrorIfUnchanged,
            double targetAccuracyUncorrected,
            double targetAccuracyCorrected,
            double targetAccuracyOracle,
            double gapToOracle,
            List<EpochStats> history) {}

    /**
     * Trains softmax regression on the source part of {@code data.train()}, builds the shifted target from
     * {@code data.test()}, estimates q and measures the three accuracies.
     */
    public static Result run(NDManager manager, FashionMnist.Data data, RunConfig cfg, Device device) {
        Random rng = new Random(cfg.seed());
        long[] order = InMemoryDataset.permutation(data.train().size(), rng);
        long[] validRows = Arrays.copyOfRange(order, 0, SOURCE_VALIDATION);
        long[] trainRows = Arrays.copyOfRange(order, SOURCE_VALIDATION, order.length);
        InMemoryDataset sourceTrain = Subsets.rows(data.train(), trainRows, manager);
        InMemoryDataset sourceValid = Subsets.rows(data.train(), validRows, manager);
        int[] testLabels = Subsets.labels(data.test());
        long[] targetRows = targetRows(testLabels, BOOSTED, BOOST, rng);
        InMemoryDataset target = Subsets.rows(data.test(), targetRows, manager);

        TorchRuntime.seed(cfg.seed());
        try (Model model =
                Model.newInstance("label-shift", device, TorchRuntime.engine().getEngineName())) {
            model.setBlock(Subsets.softmaxRegression(CLASSES));
            try (ConciseLearner learner =
                    ConciseLearner.open(model, ConciseLearner.classifierConfig(cfg.lr(), device))) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                List<EpochStats> history = ClassifierTraining.train(
                        "label-shift source",
                        learner,
                        new FashionMnist.Data(sourceTrain, sourceValid),
                        "validation",
                        cfg);
                float[] validProbs = Subsets.probabilities(learner, sourceValid);
                float[] targetProbs = Subsets.probabilities(learner, target);
                int[] validLabels = Subsets.labels(sourceValid);
                int[] targetLabels = Subsets.labels(target);

                double[] p = frequencies(Subsets.labels(sourceTrain), CLASSES);
                double[] trueQ = frequencies(targetLabels, CLASSES);
                double[][] c = confusion(argMaxPerRow(validProbs, CLASSES), validLabels, CLASSES);
                double[] mu = frequencies(argMaxPerRow(targetProbs, CLASSES), CLASSES);
                double[] q = onSimplex(LinearSystems.solve(c, mu));
                double[] qLeastSquares = onSimplex(LinearSystems.leastSquares(c, mu));
                return new Result(
                        history,
                        targetRows.length,
                        p,
                        trueQ,
                        q,
                        qLeastSquares,
                        accuracy(argMaxPerRow(targetProbs, CLASSES), targetLabels),
                        accuracy(reweighted(targetProbs, ratio(q, p)), targetLabels),
                        accuracy(reweighted(targetProbs, ratio(trueQ, p)), targetLabels));
            }
        }
    }

    /**
     * Rows of a target whose classes in {@code boosted} are {@code boost}× as frequent as the others: per class, a
     * seeded choice of rows without repetition — all of the rarest class's count for a boosted class, that count
     * over {@code boost} for the others.
     */
    static long[] targetRows(int[] labels, List<Integer> boosted, int boost, Random rng) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        int fewest = byClass.stream().mapToInt(List::size).min().orElseThrow();
        List<Long> rows = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            List<Integer> members = byClass.get(c);
            long[] shuffled = InMemoryDataset.permutation(members.size(), rng);
            int keep = boosted.contains(c) ? fewest : fewest / boost;
            for (int k = 0; k < keep; k++) {
                rows.add((long) members.get((int) shuffled[k]));
            }
        }
        return rows.stream().mapToLong(Long::longValue).toArray();
    }

    /** C[i][j] = P(ŷ = i | y = j): the confusion counts with each column divided by its class's count. */
    public static double[][] confusion(int[] predicted, int[] labels, int classes) {
        double[][] c = new double[classes][classes];
        double[] perClass = new double[classes];
        for (int k = 0; k < labels.length; k++) {
            c[predicted[k]][labels[k]]++;
            perClass[labels[k]]++;
        }
        for (int j = 0; j < classes; j++) {
            if (perClass[j] == 0) {
                throw new IllegalArgumentException("class " + j + " has no validation example; C is undefined");
            }
            for (int i = 0; i < classes; i++) {
                c[i][j] /= perClass[j];
            }
        }
        return c;
    }

    /** {@code v} with negative entries set to 0, rescaled to sum 1: the nearest label distribution in spirit. */
    public static double[] onSimplex(double[] v) {
        double[] q = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            q[i] = Math.max(0, v[i]);
            sum += q[i];
        }
        if (sum == 0) {
            throw new IllegalArgumentException("every entry of " + Arrays.toString(v) + " is ≤ 0");
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= sum;
        }
        return q;
    }

    /** {@code q(y) / p(y)} per class. */
    public static double[] ratio(double[] q, double[] p) {
        double[] r = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            r[i] = q[i] / p[i];
        }
        return r;
    }

    /** Arg-max per row of {@code probs} (rows of {@code classes}) after multiplying class j by {@code weights[j]}. */
    public static int[] reweighted(float[] probs, double[] weights) {
        int classes = weights.length;
        int[] best = new int[probs.length / classes];
        for (int r = 0; r < best.length; r++) {
            double top = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                double v = probs[r * classes + j] * weights[j];
                if (v > top) {
                    top = v;
                    best[r] = j;
                }
            }
        }
        return best;
    }
}
