package d2l.mlp.s409_distribution_shift;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * Section 4.9: the book's two corrections for a shifted distribution, made runnable on Fashion-MNIST and measured —
 * label shift corrected through the confusion matrix ({@link LabelShift}), covariate shift through a
 * logistic-regression density ratio ({@link CovariateShift}). The book gives the formulas and no code or numbers.
 */
public final class DistributionShift {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "distribution-shift",
            "4.9",
            "Label-shift and covariate-shift correction on Fashion-MNIST",
            DistributionShift::defaults,
            DistributionShift::run);

    private DistributionShift() {}

    /** Softmax regression throughout: 5 epochs, lr 0.1, batch 256. */
    public static RunConfig defaults() {
        return RunConfig.of(5, 0.1, 256);
    }

    /** Both parts of the section. */
    public record Result(LabelShift.Result labelShift, CovariateShift.Result covariateShift)
            implements ExperimentResult {

        @Override
        public Metrics metrics() {
            return new Metrics(labelShift.metrics(), covariateShift.metrics());
        }

        @Override
        public List<Figure> figures() {
            Map<String, double[]> q = new LinkedHashMap<>();
            q.put("source p(y)", labelShift.sourceP());
            q.put("true q(y)", labelShift.trueQ());
            q.put("estimated q(y)", labelShift.estimatedQ());
            Map<String, double[]> acc = new LinkedHashMap<>();
            acc.put(
                    "all target",
                    covariateShift.trainings().stream()
                            .mapToDouble(CovariateShift.Training::targetAccuracy)
                            .toArray());
            acc.put(
                    "darkest quarter",
                    covariateShift.trainings().stream()
                            .mapToDouble(CovariateShift.Training::darkAccuracy)
                            .toArray());
            List<String> names = covariateShift.trainings().stream()
                    .map(CovariateShift.Training::name)
                    .toList();
            var accuracy = Plots.bars("covariate shift: target accuracy", "training", "accuracy", names, acc);
            accuracy.getStyler().setYAxisMin(0.5);
            accuracy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            var labels = Plots.bars(
                    "label shift: q(y) estimated from C q = mu",
                    "class",
                    "share of examples",
                    FashionMnist.TEXT_LABELS,
                    q);
            labels.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            return List.of(
                    Figure.of("label-shift-q", labels),
                    Figure.of("beta-histogram", betaHistogram()),
                    Figure.of("covariate-shift-accuracy", accuracy));
        }

        /** Histogram of the estimated and the true weights over the source, on bins of width 1/2 in log2 β. */
        private CategoryChart betaHistogram() {
            int lo = -8;
            int hi = 10; // bins [2^(k/2), 2^((k+1)/2)) for k in lo..hi-1; values outside go to the end bins
            List<String> labels = new ArrayList<>();
            for (int k = lo; k < hi; k++) {
                labels.add(String.format("%.2g", Math.pow(2, k / 2.0)));
            }
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("estimated beta (clipped, mean 1)", histogram(covariateShift.estimatedBeta(), lo, hi));
            series.put("true beta", histogram(covariateShift.trueBeta(), lo, hi));
            var chart = Plots.bars(
                    "covariate shift: importance weights of the source",
                    "beta (bin's lower edge)",
                    "share of source examples",
                    labels,
                    series);
            chart.getStyler().setOverlapped(true);
            return chart;
        }

        private static double[] histogram(double[] beta, int lo, int hi) {
            double[] share = new double[hi - lo];
            for (double b : beta) {
                int k = (int) Math.floor(2 * Math.log(b) / Math.log(2));
                share[Math.max(0, Math.min(hi - lo - 1, k - lo))] += 1.0 / beta.length;
            }
            return share;
        }
    }

    /** What metrics.json holds: both parts. */
    public record Metrics(LabelShift.Metrics labelShift, CovariateShift.Metrics covariateShift) {}

    public static Result run(RunConfig cfg) throws IOException {
        TorchRuntime.seed(cfg.seed());
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device)) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            LabelShift.Result label;
            try (NDManager part = m.newSubManager()) {
                label = LabelShift.run(part, data, cfg, device);
            }
            try (NDManager part = m.newSubManager()) {
                return new Result(label, CovariateShift.run(part, data, cfg, device));
            }
        }
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
