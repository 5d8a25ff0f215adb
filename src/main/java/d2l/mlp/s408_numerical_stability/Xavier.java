package d2l.mlp.s408_numerical_stability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Section 4.8, second half: Xavier initialization with DJL's {@link XavierInitializer}.
 *
 * <p>The initializer draws U(−c, c) or N(0, c²) with c = √(magnitude / factor), factor = (n_in + n_out)/2, n_in or
 * n_out, where for a weight of shape (out, in) n_in = in and n_out = out. Its class documentation says the default
 * is c = √(3 / (0.5·(n_in + n_out))), i.e. the book's Var(W) = 2/(n_in + n_out); the default constructor in DJL
 * 0.36 uses magnitude 6 instead, which doubles that variance. We measure both, and use the book's Xavier —
 * {@code new XavierInitializer(UNIFORM, AVG, 3)} — in the deep stack, where activation variance stays put while
 * N(0, 1) weights make it explode and N(0, 0.01²) weights make it vanish.
 */
public final class Xavier {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "xavier",
            "4.8",
            "Xavier initialization: weight variance and activations through depth",
            Xavier::defaults,
            Xavier::run);

    /** Rows (n_out) of the sampled weight matrices. */
    public static final int OUT = 500;
    /** Columns (n_in) of the sampled weight matrices. */
    public static final int IN = 2000;
    /** Layers of the linear stack. */
    public static final int DEPTH = 50;
    /** Width of the linear stack. */
    public static final int WIDTH = 256;

    /**
     * One initializer's empirical variance against the variance its formula promises.
     *
     * @param name which initializer
     * @param formula the formula, in words
     * @param expected the formula's variance for an {@value #OUT}×{@value #IN} weight
     * @param empirical the sample variance of one such weight (10⁶ numbers)
     * @param maxAbs largest |w| drawn
     */
    public record Sample(String name, String formula, double expected, double empirical, double maxAbs) {

        public double ratio() {
            return empirical / expected;
        }
    }

    /**
     * @param samples initializers against their formulas
     * @param stackVariance per initializer (xavier, normal-1, normal-0.01), the activation variance after each
     *     layer of the linear stack, the input first
     */
    public record Result(List<Sample> samples, Map<String, double[]> stackVariance) implements ExperimentResult {

        public Sample sample(String name) {
            return samples.stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public Metrics metrics() {
            Map<String, double[]> variance = new LinkedHashMap<>();
            stackVariance.forEach((k, v) -> variance.put("stackVariance." + k, v));
            return new Metrics(new int[] {OUT, IN}, samples, new Stack("identity", "float64", DEPTH, WIDTH), variance);
        }

        @Override
        public List<BookCheck> checks() {
            return List.of(
                    BookNumbers.XAVIER_UNIFORM_VAR_RATIO.check(
                            sample("xavier uniform (UNIFORM, AVG, 3)").ratio()),
                    BookNumbers.XAVIER_NORMAL_VAR_RATIO.check(
                            sample("xavier normal (GAUSSIAN, AVG, 1)").ratio()));
        }

        @Override
        public List<Figure> figures() {
            XYChart chart = Plots.chart(
                    "activation variance through " + DEPTH + " linear layers of width " + WIDTH,
                    "layer",
                    "log10 of the activation variance",
                    false);
            stackVariance.forEach((name, v) -> {
                double[] layers = new double[v.length];
                Arrays.setAll(layers, i -> i);
                Plots.line(
                        chart, name, layers, Arrays.stream(v).map(Math::log10).toArray());
            });
            return List.of(Figure.of("activation-variance", chart));
        }
    }

    /**
     * What metrics.json holds.
     *
     * @param weightShape the sampled weights' shape, (n_out, n_in)
     * @param stackVariance per initializer, e.g. {@code stackVariance.xavier}: the activation variance after each
     *     layer of the stack, the input first
     */
    public record Metrics(
            int[] weightShape,
            List<Sample> samples,
            Stack stack,
            @Inline Map<String, double[]> stackVariance) {}

    /** The linear stack the activation variance is measured through. */
    public record Stack(String activation, String dtype, int layers, int width) {}

    private Xavier() {}

    /** Takes only a batch size: the number of random inputs pushed through each stack. */
    public static RunConfig defaults() {
        return RunConfig.none().withBatchSize(256);
    }

    public static Result run(RunConfig cfg) {
        TorchRuntime.seed(cfg.seed());
        double avg = (IN + OUT) / 2.0;
        List<Sample> samples = new ArrayList<>();
        Map<String, double[]> stack = new LinkedHashMap<>();
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            samples.add(sample(
                    m,
                    "djl default XavierInitializer()",
                    new XavierInitializer(),
                    "as documented: U(±√(3/(0.5·(n_in+n_out)))), Var = 2/(n_in+n_out)",
                    1 / avg));
            samples.add(sample(
                    m,
                    "xavier uniform (UNIFORM, AVG, 3)",
                    new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3),
                    "U(±√(6/(n_in+n_out))), Var = 2/(n_in+n_out)",
                    1 / avg));
            samples.add(sample(
                    m,
                    "xavier normal (GAUSSIAN, AVG, 1)",
                    new XavierInitializer(RandomType.GAUSSIAN, FactorType.AVG, 1),
                    "N(0, 2/(n_in+n_out))",
                    1 / avg));
            samples.add(sample(
                    m,
                    "he normal (GAUSSIAN, IN, 2)",
                    new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2),
                    "N(0, 2/n_in)",
                    2.0 / IN));
            samples.add(sample(
                    m,
                    "uniform fan-out (UNIFORM, OUT, 3)",
                    new XavierInitializer(RandomType.UNIFORM, FactorType.OUT, 3),
                    "U(±√(3/n_out)), Var = 1/n_out",
                    1.0 / OUT));
            stack.put(
                    "xavier", stack(m, new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3), cfg.batchSize()));
            stack.put("N(0, 1)", stack(m, new NormalInitializer(1f), cfg.batchSize()));
            stack.put("N(0, 0.01^2)", stack(m, new NormalInitializer(0.01f), cfg.batchSize()));
        }
        samples.forEach(s -> System.out.printf(
                "  %-34s Var(W) %.4e, formula %s = %.4e, ratio %.4f%n",
                s.name(), s.empirical(), s.formula(), s.expected(), s.ratio()));
        stack.forEach((k, v) -> System.out.printf(
                "  %-14s activation variance: input %.3g, layer 10 %.3g, " + "layer %d %.3g%n",
                k, v[0], v[10], DEPTH, v[DEPTH]));
        return new Result(samples, stack);
    }

    /** Draws one {@value #OUT}×{@value #IN} weight from {@code init}. */
    static Sample sample(NDManager parent, String name, Initializer init, String formula, double expected) {
        try (NDManager m = parent.newSubManager()) {
            NDArray w = init.initialize(m, new Shape(OUT, IN), DataType.FLOAT64);
            return new Sample(
                    name, formula, expected, variance(w), w.abs().max().getDouble());
        }
    }

    /**
     * Activation variance through {@value #DEPTH} linear layers (no activation, no bias) of width {@value #WIDTH},
     * weights from {@code init}, on n N(0, 1) inputs, in float64 so that neither end under- or overflows.
     */
    static double[] stack(NDManager parent, Initializer init, int n) {
        try (NDManager m = parent.newSubManager()) {
            double[] v = new double[DEPTH + 1];
            NDArray h = m.randomNormal(0f, 1f, new Shape(n, WIDTH), DataType.FLOAT64);
            v[0] = variance(h);
            for (int l = 1; l <= DEPTH; l++) {
                h = h.matMul(init.initialize(m, new Shape(WIDTH, WIDTH), DataType.FLOAT64)
                        .transpose());
                v[l] = variance(h);
            }
            return v;
        }
    }

    private static double variance(NDArray a) {
        return a.sub(a.mean()).square().mean().getDouble();
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
