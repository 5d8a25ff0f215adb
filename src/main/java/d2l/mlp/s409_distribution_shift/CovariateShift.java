package d2l.mlp.s409_distribution_shift;

import static d2l.mlp.stats.Statistics.accuracy;
import static d2l.mlp.stats.Statistics.argMaxPerRow;
import static d2l.mlp.stats.Statistics.clipped;
import static d2l.mlp.stats.Statistics.correlation;
import static d2l.mlp.stats.Statistics.log;
import static d2l.mlp.stats.Statistics.normalized;
import static d2l.mlp.stats.Statistics.quantiles;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.report.Inline;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.ClassifierTraining;
import d2l.mlp.train.ConciseLearner;
import d2l.mlp.train.EpochStats;
import d2l.mlp.train.Learner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Covariate shift and its correction by importance weights. The source keeps a training image with a probability
 * that rises with its brightness — a selection that never looks at the label, so p(y | x) is untouched while dark
 * images become rare. The target is the unbiased test set. A logistic regression told source from target gives
 * {@code β(x) = exp(h(x))}; softmax regression is then trained three times on the source: unweighted, weighted by
 * the estimated β, and weighted by the true ratio {@code q(x) / p(x)} known from the selection.
 */
public final class CovariateShift {

    /** Slope of the selection's logistic curve per standard deviation of brightness. */
    public static final double STEEPNESS = 3;
    /** Smallest selection probability: keeps every image possible in the source (the correction needs it). */
    public static final double FLOOR = 0.02;
    /** Largest estimated weight before normalization; bounds the variance a few examples can add. */
    public static final double CLIP = 20;
    /** Examples per side (source, target) the discriminator is trained on, equal as the formula assumes. */
    public static final int DISCRIMINATOR_SIDE = 5000;
    /** The discriminator's epochs and learning rate: a small rate, many passes, a last iterate with little noise. */
    public static final int DISCRIMINATOR_EPOCHS = 20;

    public static final double DISCRIMINATOR_LR = 0.03;
    static final int CLASSES = 10;
    static final int PIXELS = 784;

    private CovariateShift() {}

    /**
     * One training on the source.
     *
     * @param name unweighted, estimated β or true β
     * @param targetLoss mean softmax cross-entropy on the labelled target half
     * @param targetAccuracy accuracy on the labelled target half
     * @param darkAccuracy accuracy on the darkest quarter of the labelled target half, where the source is thin
     */
    public record Training(
            String name, List<EpochStats> history, double targetLoss, double targetAccuracy, double darkAccuracy) {}

    /**
     * What the covariate-shift run measured.
     *
     * @param sourceSize training images the selection kept
     * @param estimatedBeta per source example, the estimated weight as trained on (clipped, mean 1)
     * @param rawBeta per source example, {@code exp(h(x))} before clipping and normalization
     * @param trueBeta per source example, the true ratio q(x)/p(x) (mean 1)
     * @param discriminator the discriminator's training (accuracies on its own training data)
     */
    public record Result(
            int sourceSize,
            double[] estimatedBeta,
            double[] rawBeta,
            double[] trueBeta,
            List<EpochStats> discriminator,
            List<Training> trainings) {

        public Training training(String name) {
            return trainings.stream()
                    .filter(t -> t.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        public Metrics metrics() {
            double[] probs = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};
            Map<String, TrainingMetrics> byName = new LinkedHashMap<>();
            trainings.forEach(t -> byName.put(
                    t.name(), new TrainingMetrics(t.targetLoss(), t.targetAccuracy(), t.darkAccuracy(), t.history())));
            return new Metrics(
                    String.format(
                            "keep with %s + (1 - %s) * sigmoid(%s * z), z = standardized brightness",
                            FLOOR, FLOOR, STEEPNESS),
                    sourceSize,
                    discriminator.get(discriminator.size() - 1).trainAcc(),
                    CLIP,
                    Arrays.stream(rawBeta).filter(b -> b > CLIP).count() / (double) rawBeta.length,
                    correlation(log(rawBeta), log(trueBeta)),
                    probs,
                    quantiles(estimatedBeta, probs),
                    quantiles(rawBeta, probs),
                    quantiles(trueBeta, probs),
                    byName);
        }
    }

    /**
     * What metrics.json holds of the covariate-shift run.
     *
     * @param selection how the source was drawn
     * @param betaClippedShare the share of source examples whose estimated weight was clipped
     * @param logBetaCorrelation correlation of the estimated and the true log β over the source
     * @param quantileLevels the levels of the three quantile lists that follow
     * @param trainings by name ({@link #UNWEIGHTED}, {@link #ESTIMATED}, {@link #ORACLE})
     */
    public record Metrics(
            String selection,
            int sourceSize,
            double discriminatorTrainAccuracy,
            double betaClip,
            double betaClippedShare,
            double logBetaCorrelation,
            double[] quantileLevels,
            double[] estimatedBetaQuantiles,
            double[] rawBetaQuantiles,
            double[] trueBetaQuantiles,
            @Inline Map<String, TrainingMetrics> trainings) {}

    /** One training in metrics.json. */
    public record TrainingMetrics(
            double targetLoss, double targetAccuracy, double darkestQuarterAccuracy, List<EpochStats> history) {}

    /** Names of the three trainings. */
    public static final String UNWEIGHTED = "unweighted";

    public static final String ESTIMATED = "estimated-beta";
    public static final String ORACLE = "true-beta";

    /** Selects the source, fits the discriminator, and trains the three classifiers. */
    public static Result run(NDManager manager, FashionMnist.Data data, RunConfig cfg, Device device) {
        Random rng = new Random(cfg.seed() + 1); // a stream of its own, apart from the label-shift run's
        double[] trainBrightness = brightness(data.train());
        double[] keep = selection(trainBrightness);
        double meanKeep = Arrays.stream(keep).average().orElseThrow();
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (rng.nextDouble() < keep[i]) {
                kept.add((long) i);
            }
        }
        long[] sourceRows = kept.stream().mapToLong(Long::longValue).toArray();
        InMemoryDataset source = flat(Subsets.rows(data.train(), sourceRows, manager));
        long[] testOrder = InMemoryDataset.permutation(data.test().size(), rng);
        int half = testOrder.length / 2;
        InMemoryDataset unlabelled = flat(Subsets.rows(data.test(), Arrays.copyOfRange(testOrder, 0, half), manager));
        InMemoryDataset evaluation =
                flat(Subsets.rows(data.test(), Arrays.copyOfRange(testOrder, half, testOrder.length), manager));

        double[] trueBeta = new double[sourceRows.length];
        for (int i = 0; i < sourceRows.length; i++) {
            trueBeta[i] = meanKeep / keep[(int) sourceRows[i]]; // q(x)/p(x) = E[keep] / keep(x)
        }
        List<EpochStats> discriminator = new ArrayList<>();
        double[] rawBeta = estimateBeta(manager, source, unlabelled, cfg, device, rng, discriminator);
        double[] estimatedBeta = normalized(clipped(rawBeta, CLIP));

        Target target = Target.of(evaluation);
        List<Training> trainings = new ArrayList<>();
        double[] ones = new double[sourceRows.length];
        Arrays.fill(ones, 1);
        trainings.add(train(UNWEIGHTED, manager, source, ones, target, cfg, device));
        trainings.add(train(ESTIMATED, manager, source, estimatedBeta, target, cfg, device));
        trainings.add(train(ORACLE, manager, source, normalized(trueBeta), target, cfg, device));
        return new Result(sourceRows.length, estimatedBeta, rawBeta, normalized(trueBeta), discriminator, trainings);
    }

    /** Probability that a training image of this brightness enters the source. */
    static double[] selection(double[] brightness) {
        double mean = Arrays.stream(brightness).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(brightness)
                .map(b -> (b - mean) * (b - mean))
                .average()
                .orElseThrow());
        return Arrays.stream(brightness)
                .map(b -> FLOOR + (1 - FLOOR) / (1 + Math.exp(-STEEPNESS * (b - mean) / sd)))
                .toArray();
    }

    /**
     * {@code exp(h(x))} for every source example, {@code h} a logistic regression (two-class softmax: {@code h} is
     * the difference of its two logits) trained on {@value #DISCRIMINATOR_SIDE} source rows (label 0) against as many
     * target rows (label 1). With equal numbers on both sides no size ratio enters.
     */
    static double[] estimateBeta(
            NDManager manager,
            InMemoryDataset source,
            InMemoryDataset unlabelled,
            RunConfig cfg,
            Device device,
            Random rng,
            List<EpochStats> history) {
        int side = Math.min(DISCRIMINATOR_SIDE, Math.min(source.size(), unlabelled.size()));
        long[] pickSource = Arrays.copyOf(InMemoryDataset.permutation(source.size(), rng), side);
        long[] pickTarget = Arrays.copyOf(InMemoryDataset.permutation(unlabelled.size(), rng), side);
        long[] z = new long[2 * side];
        Arrays.fill(z, side, 2 * side, 1);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = Subsets.rows(source, pickSource, scratch)
                    .x()
                    .concat(Subsets.rows(unlabelled, pickTarget, scratch).x(), 0);
            // Centred pixels: the raw ones share a large mean, whose direction makes SGD at the classifiers' rate
            // oscillate (the loss's curvature along it is about 784 × 0.3² times that of a centred pixel).
            NDArray meanImage = x.mean(new int[] {0}, true);
            InMemoryDataset mixed = new InMemoryDataset(x.sub(meanImage), scratch.create(z));
            InMemoryDataset centredSource = new InMemoryDataset(source.x().sub(meanImage), source.y());
            centredSource.x().attach(scratch);
            TorchRuntime.seed(cfg.seed());
            try (Model model = Model.newInstance(
                    "discriminator", device, TorchRuntime.engine().getEngineName())) {
                model.setBlock(Subsets.softmaxRegression(2));
                RunConfig settings = cfg.withEpochs(DISCRIMINATOR_EPOCHS).withLr(DISCRIMINATOR_LR);
                try (ConciseLearner learner =
                        ConciseLearner.open(model, ConciseLearner.classifierConfig(settings.lr(), device))) {
                    learner.trainer().initialize(new Shape(1, PIXELS));
                    history.addAll(ClassifierTraining.train(
                            "discriminator", learner, new FashionMnist.Data(mixed, mixed), settings));
                    float[] logits = Subsets.logits(learner, centredSource);
                    double[] beta = new double[source.size()];
                    for (int i = 0; i < beta.length; i++) {
                        beta[i] = Math.exp((double) logits[2 * i + 1] - logits[2 * i]);
                    }
                    return beta;
                }
            }
        }
    }

    /**
     * The labelled target half that the trainings are measured on.
     *
     * @param brightness each image's mean pixel value
     * @param darkCut the brightness at or below which an image is in the darkest quarter
     */
    record Target(InMemoryDataset data, double[] brightness, double darkCut) {

        static Target of(InMemoryDataset data) {
            double[] brightness = CovariateShift.brightness(data);
            return new Target(data, brightness, quantiles(brightness, new double[] {0.25})[0]);
        }
    }

    /** Softmax regression trained on {@code source} with per-example {@code weights}, measured on the target. */
    static Training train(
            String name,
            NDManager manager,
            InMemoryDataset source,
            double[] weights,
            Target measuredOn,
            RunConfig cfg,
            Device device) {
        double[] ones = new double[measuredOn.data().size()];
        Arrays.fill(ones, 1);
        try (NDManager scratch = manager.newSubManager()) {
            InMemoryDataset weighted = withWeights(source, weights, scratch);
            InMemoryDataset target = withWeights(measuredOn.data(), ones, scratch);
            TorchRuntime.seed(cfg.seed());
            try (Model model =
                    Model.newInstance(name, device, TorchRuntime.engine().getEngineName())) {
                model.setBlock(Subsets.softmaxRegression(CLASSES));
                try (ConciseLearner concise =
                        ConciseLearner.open(model, ConciseLearner.classifierConfig(cfg.lr(), device))) {
                    concise.trainer().initialize(new Shape(1, PIXELS));
                    Learner learner = new WeightedLearner(concise, CLASSES);
                    List<EpochStats> history = ClassifierTraining.train(
                            "covariate " + name, learner, new FashionMnist.Data(weighted, target), cfg);
                    float[] logits = Subsets.logits(learner, target);
                    int[] labels = Subsets.labels(target);
                    int[] predicted = argMaxPerRow(logits, CLASSES);
                    int right = 0;
                    int dark = 0;
                    for (int i = 0; i < labels.length; i++) {
                        if (measuredOn.brightness()[i] <= measuredOn.darkCut()) {
                            dark++;
                            right += predicted[i] == labels[i] ? 1 : 0;
                        }
                    }
                    return new Training(
                            name,
                            history,
                            meanCrossEntropy(logits, labels, CLASSES),
                            accuracy(predicted, labels),
                            right / (double) dark);
                }
            }
        }
    }

    /** Rows of {@code data} with {@code weights} appended as the last column (see {@link WeightedLearner}). */
    static InMemoryDataset withWeights(InMemoryDataset data, double[] weights, NDManager manager) {
        float[] w = new float[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) weights[i];
        }
        NDArray column = manager.create(w, new Shape(w.length, 1));
        NDArray rows = data.x().concat(column, 1);
        rows.attach(manager);
        return new InMemoryDataset(rows, data.y());
    }

    /** {@code data} with each image flattened to one row of {@value #PIXELS} pixels. */
    static InMemoryDataset flat(InMemoryDataset data) {
        NDArray x = data.x().reshape(data.size(), PIXELS);
        data.x().close();
        return new InMemoryDataset(x, data.y());
    }

    /** Mean pixel value of each image. */
    static double[] brightness(InMemoryDataset data) {
        try (NDManager scratch = data.x().getManager().newSubManager()) {
            NDArray rows = data.x().reshape(data.size(), -1);
            rows.attach(scratch);
            NDArray mean = rows.mean(new int[] {1});
            float[] f = mean.toFloatArray();
            mean.close();
            double[] b = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                b[i] = f[i];
            }
            return b;
        }
    }

    /** Mean of {@code −log softmax(logits)[label]}, computed on the host in doubles. */
    static double meanCrossEntropy(float[] logits, int[] labels, int classes) {
        double sum = 0;
        for (int r = 0; r < labels.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[r * classes + j]);
            }
            double z = 0;
            for (int j = 0; j < classes; j++) {
                z += Math.exp(logits[r * classes + j] - max);
            }
            sum += max + Math.log(z) - logits[r * classes + labels[r]];
        }
        return sum / labels.length;
    }
}
