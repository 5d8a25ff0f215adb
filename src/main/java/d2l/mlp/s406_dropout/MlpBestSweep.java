package d2l.mlp.s406_dropout;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Inline;
import d2l.mlp.report.Plots;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.s406_dropout.BestMlpNetwork.Candidate;
import d2l.mlp.s406_dropout.BestMlpTraining.Standardization;
import d2l.mlp.s406_dropout.BestMlpTraining.Trained;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Beyond the book: the model selection of §4.4 applied to {@link BestMlpNetwork}'s family. Every candidate (hidden
 * widths × dropout rate) is trained on the first 50,000 training images and judged by its accuracy on the last
 * 10,000; the test set is never loaded into the decision. The winner is what {@link MlpBest#CHOSEN} holds.
 */
public final class MlpBestSweep {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "mlp-best-sweep",
            "4.6+",
            "Choosing mlp-best's widths and dropout on a held-out validation split",
            MlpBest::defaults,
            MlpBestSweep::run);

    /** Training rows 0 … TRAIN_ROWS−1 train each candidate; the remaining training rows validate it. */
    public static final int TRAIN_ROWS = 50_000;

    /** The knobs tried: two widths × two dropout rates (the book's 0.2 and 0.5). */
    public static final List<Candidate> GRID = List.of(
            new Candidate(List.of(256, 256), 0.2), new Candidate(List.of(256, 256), 0.5),
            new Candidate(List.of(512, 256), 0.2), new Candidate(List.of(512, 256), 0.5));

    private MlpBestSweep() {}

    /** One candidate's validation run. */
    public record Row(Candidate candidate, Trained run) {}

    /**
     * The sweep's result.
     *
     * @param rows one per candidate, in {@link #GRID} order
     * @param standardization statistics of the training rows
     */
    public record Result(List<Row> rows, Standardization standardization) implements ExperimentResult {

        public Candidate chosen() {
            return choose(rows);
        }

        @Override
        public Metrics metrics() {
            return new Metrics(
                    PROTOCOL,
                    chosen(),
                    rows.stream()
                            .filter(r -> r.candidate().equals(chosen()))
                            .findFirst()
                            .orElseThrow()
                            .run()
                            .finalAcc(),
                    standardization,
                    rows.stream()
                            .map(r -> new SweepRow(
                                    r.candidate(),
                                    r.run().finalAcc(),
                                    r.run().seconds(),
                                    r.run().accPerEpoch()))
                            .toList());
        }

        @Override
        public List<Figure> figures() {
            return List.of(Figure.of("sweep", sweepChart(rows)), Figure.of("sweep-curves", curvesChart(rows)));
        }
    }

    /** What metrics.json holds: the protocol, the choice and its accuracy, and every candidate's run. */
    public record Metrics(
            Protocol protocol,
            Candidate chosen,
            double chosenValAcc,
            Standardization standardization,
            List<SweepRow> sweep) {}

    /** One candidate in metrics.json: its final validation accuracy, training time and accuracy per epoch. */
    public record SweepRow(@Inline Candidate candidate, double valAcc, double seconds, List<Double> valAccPerEpoch) {}

    /** How the candidates are judged, in words. */
    public record Protocol(String trainRows, String validationRows, String choice) {}

    /** The validation protocol of this sweep. */
    public static final Protocol PROTOCOL = new Protocol(
            "0-" + (TRAIN_ROWS - 1) + " of the training set",
            TRAIN_ROWS + "-59999 of the training set",
            "highest validation accuracy after the last epoch; the test set is not used");

    /** The candidate with the highest final validation accuracy; the first of equals (the grid's smaller nets). */
    public static Candidate choose(List<Row> rows) {
        Row best = rows.get(0);
        for (Row r : rows) {
            if (r.run().finalAcc() > best.run().finalAcc()) {
                best = r;
            }
        }
        return best.candidate();
    }

    /**
     * The training images split in two: rows {@code 0 … trainRows−1} and the rest, as (train, validation). The
     * arrays are new, on {@code train}'s manager.
     */
    public static FashionMnist.Data validationSplit(InMemoryDataset train, int trainRows) {
        int n = train.size();
        if (trainRows <= 0 || trainRows >= n) {
            throw new IllegalArgumentException("trainRows must be in 1.." + (n - 1) + ", got " + trainRows);
        }
        NDIndex head = new NDIndex().addSliceDim(0, trainRows);
        NDIndex tail = new NDIndex().addSliceDim(trainRows, n);
        return new FashionMnist.Data(
                new InMemoryDataset(train.x().get(head), train.y().get(head)),
                new InMemoryDataset(train.x().get(tail), train.y().get(tail)));
    }

    public static Result run(RunConfig cfg) throws IOException {
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device)) {
            FashionMnist.Data split =
                    validationSplit(FashionMnist.load(m, cfg.dataDir()).train(), TRAIN_ROWS);
            Standardization stats = Standardization.of(split.train().x());
            FashionMnist.Data data = stats.apply(split);
            List<Row> rows = new ArrayList<>();
            for (Candidate c : GRID) {
                rows.add(new Row(c, trainCandidate(c, data, cfg, device)));
            }
            return new Result(rows, stats);
        }
    }

    /** Trains {@code c} on {@code split.train()}, measuring its accuracy on {@code split.test()}, the validation rows. */
    static Trained trainCandidate(Candidate c, FashionMnist.Data split, RunConfig cfg, Device device) {
        return BestMlpTraining.train("mlp-best-sweep " + c.label(), c, split, "validation", cfg, device);
    }

    /** Final validation accuracy against the dropout rate, one line per width. */
    static XYChart sweepChart(List<Row> rows) {
        XYChart chart = Plots.chart(
                "Validation accuracy (train rows 0-" + (TRAIN_ROWS - 1) + ")", "dropout", "validation accuracy", false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        Map<List<Integer>, List<Row>> byWidth = new LinkedHashMap<>();
        rows.forEach(r -> byWidth.computeIfAbsent(r.candidate().hidden(), k -> new ArrayList<>())
                .add(r));
        for (List<Row> line : byWidth.values()) {
            Plots.line(
                    chart,
                    "hidden " + line.get(0).candidate().label().split(" ")[0],
                    line.stream().mapToDouble(r -> r.candidate().dropout()).toArray(),
                    line.stream().mapToDouble(r -> r.run().finalAcc()).toArray());
        }
        return chart;
    }

    /** Validation accuracy after each epoch, one line per candidate. */
    static XYChart curvesChart(List<Row> rows) {
        XYChart chart = Plots.chart("Validation accuracy per epoch", "epoch", "validation accuracy", false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (Row r : rows) {
            double[] acc = r.run().accPerEpoch().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            double[] epochs = new double[acc.length];
            for (int i = 0; i < acc.length; i++) {
                epochs[i] = i + 1;
            }
            Plots.line(chart, r.candidate().label(), epochs, acc);
        }
        return chart;
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
