package d2l.mlp.s401_mlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
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
import d2l.mlp.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Section 4.1: ReLU, pReLU, sigmoid and tanh on {@code arange(-8, 8, 0.1)}, and their gradients from autograd.
 * pReLU is {@code max(0, x) + α·min(0, x)} with α = 0.25, PyTorch's initial α.
 */
public final class Activations {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "activations",
            "4.1",
            "ReLU, pReLU, sigmoid, tanh and their gradients",
            Activations::defaults,
            Activations::run);

    public static final float PRELU_ALPHA = 0.25f;

    /** One activation sampled on the grid. */
    public record Curve(String name, double[] x, double[] y, double[] grad) {}

    /** The four curves. */
    public record Result(List<Curve> curves) implements ExperimentResult {

        public Curve curve(String name) {
            return curves.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public Metrics metrics() {
            Map<String, Double> gradients = new LinkedHashMap<>();
            for (Curve c : curves) {
                int arg = Statistics.argMax(c.grad());
                gradients.put(c.name() + ".maxGradient", c.grad()[arg]);
                gradients.put(c.name() + ".argMaxGradient", c.x()[arg]);
            }
            return new Metrics(gradients, curves.get(0).x().length, curves);
        }

        @Override
        public List<BookCheck> checks() {
            return List.of(
                    BookNumbers.SIGMOID_GRAD_MAX.check(max(curve("sigmoid").grad())),
                    BookNumbers.TANH_GRAD_MAX.check(max(curve("tanh").grad())));
        }

        @Override
        public List<Figure> figures() {
            List<Figure> figs = new ArrayList<>();
            for (Curve c : curves) {
                figs.add(Figure.of(c.name(), Plots.curve(c.name(), "x", c.name() + "(x)", c.x(), c.y())));
                figs.add(Figure.of(
                        "grad-" + c.name(),
                        Plots.curve("gradient of " + c.name(), "x", "grad of " + c.name(), c.x(), c.grad())));
            }
            return figs;
        }
    }

    /**
     * What metrics.json holds.
     *
     * @param gradients per activation, e.g. {@code sigmoid.maxGradient} and {@code sigmoid.argMaxGradient}: its
     *     largest gradient on the grid and where it is
     * @param points the grid's size
     * @param curves every activation's values and gradients on the grid, which the PyTorch twin compares point by
     *     point
     */
    public record Metrics(@Inline Map<String, Double> gradients, int points, List<Curve> curves) {}

    private Activations() {}

    /** Takes no epochs, learning rate or batch size: it evaluates functions on a fixed grid. */
    public static RunConfig defaults() {
        return RunConfig.none();
    }

    /** Computes the curves; {@code cfg} only picks the device. */
    public static Result run(RunConfig cfg) {
        Map<String, UnaryOperator<NDArray>> fns = new LinkedHashMap<>();
        fns.put("relu", Activation::relu);
        fns.put("prelu", x -> Activation.leakyRelu(x, PRELU_ALPHA));
        fns.put("sigmoid", Activation::sigmoid);
        fns.put("tanh", Activation::tanh);
        List<Curve> curves = new ArrayList<>();
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            for (Map.Entry<String, UnaryOperator<NDArray>> e : fns.entrySet()) {
                NDArray x = m.arange(-8f, 8f, 0.1f);
                x.setRequiresGradient(true);
                NDArray y;
                try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                    y = e.getValue().apply(x);
                    gc.backward(y);
                }
                curves.add(new Curve(e.getKey(), Plots.values(x), Plots.values(y), Plots.values(x.getGradient())));
            }
        }
        return new Result(curves);
    }

    private static double max(double[] v) {
        return v[Statistics.argMax(v)];
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
