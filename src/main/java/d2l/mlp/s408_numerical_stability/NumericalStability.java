package d2l.mlp.s408_numerical_stability;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookCheck;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.Figure;
import d2l.mlp.report.Plots;
import d2l.mlp.report.TwinTensors;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.scratch.Ops;
import d2l.mlp.train.ScratchLearner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * Section 4.8, first half: vanishing gradients (the sigmoid's gradient on {@code arange(-8, 8, 0.1)}, and beyond
 * the book the per-layer gradient norms of a deep sigmoid MLP against a ReLU MLP at initialization), exploding
 * products (a N(0, 1) 4×4 matrix times 100 more), and the symmetry of a constant initialization, which SGD keeps
 * and dropout breaks. Xavier initialization is in {@link Xavier}.
 */
public final class NumericalStability {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "numerical-stability",
            "4.8",
            "vanishing and exploding gradients, broken symmetry",
            NumericalStability::defaults,
            NumericalStability::run);

    /** Hidden layers of the deep MLPs whose gradient norms are compared. */
    public static final int DEPTH = 20;
    /** Width of those hidden layers. */
    public static final int WIDTH = 256;
    /** Number of further 4×4 matrices the product runs through. */
    public static final int PRODUCTS = 100;
    /** SGD steps of the symmetry demonstration. */
    public static final int SYMMETRY_STEPS = 100;

    /**
     * What the section computes.
     *
     * @param x the grid {@code arange(-8, 8, 0.1)}
     * @param sigmoid σ(x)
     * @param sigmoidGrad σ'(x) from autograd
     * @param sigmoidLayerNorms ‖∂L/∂W_l‖_F of the deep sigmoid MLP, input layer first
     * @param reluLayerNorms the same for the ReLU MLP with the same weights
     * @param first the first 4×4 matrix
     * @param product it after {@link #PRODUCTS} further products (row-major)
     * @param symmetryPlain per step, the largest difference between two hidden units' incoming weights, constant
     *     initialization without dropout
     * @param symmetryDropout the same with dropout (p = 0.5) on the hidden layer
     */
    public record Result(
            double[] x,
            double[] sigmoid,
            double[] sigmoidGrad,
            double[] sigmoidLayerNorms,
            double[] reluLayerNorms,
            float[] first,
            float[] product,
            double[] symmetryPlain,
            double[] symmetryDropout)
            implements ExperimentResult {

        /** Largest |entry| of the product. */
        public double productMax() {
            double max = 0;
            for (float v : product) {
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }

        public double maxSigmoidGrad() {
            return Arrays.stream(sigmoidGrad).max().orElseThrow();
        }

        @Override
        public Metrics metrics() {
            return new Metrics(
                    maxSigmoidGrad(),
                    new double[] {sigmoidGrad[0], sigmoidGrad[sigmoidGrad.length - 1]},
                    new DeepMlp(DEPTH, "DJL default: He normal N(0, 2/fan_in), bias 0", WIDTH),
                    sigmoidLayerNorms,
                    reluLayerNorms,
                    first,
                    product,
                    productMax(),
                    symmetryPlain[symmetryPlain.length - 1],
                    symmetryDropout[symmetryDropout.length - 1]);
        }

        @Override
        public List<BookCheck> checks() {
            return List.of(
                    BookNumbers.SIGMOID_GRAD_MAX.check(maxSigmoidGrad()),
                    BookNumbers.EXPLODING_MAX.check(productMax()));
        }

        @Override
        public List<Figure> figures() {
            XYChart sig = Plots.chart("sigmoid and its gradient", "x", "", false);
            Plots.line(sig, "sigmoid", x, sigmoid);
            Plots.line(sig, "gradient", x, sigmoidGrad);
            double[] layers = new double[DEPTH + 1];
            Arrays.setAll(layers, i -> i + 1);
            XYChart norms = Plots.chart(
                    "gradient norm per layer at init (" + DEPTH + " hidden layers)",
                    "layer (1 = input side)",
                    "||dL/dW||",
                    true);
            Plots.line(norms, "sigmoid", layers, sigmoidLayerNorms);
            Plots.line(norms, "relu", layers, reluLayerNorms);
            double[] steps = new double[symmetryPlain.length];
            Arrays.setAll(steps, i -> i);
            XYChart sym = Plots.chart(
                    "constant init: largest difference between hidden units",
                    "SGD step",
                    "max |W1[:, j] - W1[:, 0]|",
                    false);
            Plots.line(sym, "no dropout", steps, symmetryPlain);
            Plots.line(sym, "dropout 0.5", steps, symmetryDropout);
            return List.of(
                    Figure.of("sigmoid-gradient", sig),
                    Figure.of("layer-gradient-norms", norms),
                    Figure.of("symmetry", sym));
        }
    }

    /**
     * What metrics.json holds.
     *
     * @param sigmoidGradientAtEnds σ'(x) at both ends of the grid
     * @param deepMlp the deep MLPs whose gradient norms are compared
     * @param productAfter100 the first matrix after {@value #PRODUCTS} further products
     * @param symmetryFinalSpreadConstantInit the largest difference between two hidden units after the last step
     */
    public record Metrics(
            double maxSigmoidGradient,
            double[] sigmoidGradientAtEnds,
            DeepMlp deepMlp,
            double[] sigmoidLayerGradNorms,
            double[] reluLayerGradNorms,
            float[] firstMatrix,
            float[] productAfter100,
            double productMaxAbs,
            double symmetryFinalSpreadConstantInit,
            double symmetryFinalSpreadConstantInitWithDropout) {}

    /** The deep MLPs of the gradient norms: hidden layers, initialization and width. */
    public record DeepMlp(int hiddenLayers, String init, int width) {}

    private NumericalStability() {}

    /** Takes a learning rate (the symmetry demo's steps) and a batch size (inputs of the gradient norms). */
    public static RunConfig defaults() {
        return RunConfig.none().withLr(0.5).withBatchSize(256);
    }

    public static Result run(RunConfig cfg) {
        TorchRuntime.seed(cfg.seed());
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            NDArray x = m.arange(-8f, 8f, 0.1f);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                y = Activation.sigmoid(x);
                gc.backward(y);
            }
            double[][] norms = layerGradientNorms(m, cfg.batchSize());
            float[][] product = exploding(m);
            double[] plain = symmetry(m, cfg.lr(), 0f);
            double[] dropout = symmetry(m, cfg.lr(), 0.5f);
            Result result = new Result(
                    Plots.values(x),
                    Plots.values(y),
                    Plots.values(x.getGradient()),
                    norms[0],
                    norms[1],
                    product[0],
                    product[1],
                    plain,
                    dropout);
            System.out.printf(
                    "  max sigmoid gradient %.4f; at x = -8 and 7.9: %.2e, %.2e%n",
                    result.maxSigmoidGrad(),
                    result.sigmoidGrad()[0],
                    result.sigmoidGrad()[result.sigmoidGrad().length - 1]);
            System.out.printf(
                    "  gradient norm of the input layer / output layer: sigmoid %.2e, relu %.2e%n",
                    norms[0][0] / norms[0][DEPTH], norms[1][0] / norms[1][DEPTH]);
            System.out.println("  a 4x4 N(0,1) matrix:\n" + matrix(result.first()));
            System.out.println("  after multiplying by " + PRODUCTS + " more:\n" + matrix(result.product()));
            System.out.printf(
                    "  constant init, %d SGD steps: largest difference between hidden units %.3g "
                            + "without dropout, %.3g with dropout 0.5%n",
                    SYMMETRY_STEPS, plain[SYMMETRY_STEPS], dropout[SYMMETRY_STEPS]);
            return result;
        }
    }

    /**
     * ‖∂L/∂W_l‖_F of a 784-{@value #WIDTH}×{@value #DEPTH}-10 MLP at initialization, for sigmoid (row 0) and ReLU
     * (row 1) hidden activations and the same weights: DJL's default Linear init (He normal N(0, 2/fan_in), zero
     * biases), a batch of n uniform [0, 1) "images" with random labels, softmax cross-entropy.
     */
    static double[][] layerGradientNorms(NDManager parent, int n) {
        try (NDManager m = parent.newSubManager()) {
            List<NDArray> ws = new ArrayList<>();
            for (int l = 0; l <= DEPTH; l++) {
                long in = l == 0 ? 784 : WIDTH;
                long out = l == DEPTH ? 10 : WIDTH;
                ws.add(Parameter.Type.WEIGHT.getInitializer().initialize(m, new Shape(out, in), DataType.FLOAT32));
            }
            NDArray x = m.randomUniform(0f, 1f, new Shape(n, 784));
            NDArray y = m.randomInteger(0, 10, new Shape(n), DataType.INT64);
            List<UnaryOperator<NDArray>> phis = List.of(Activation::sigmoid, Activation::relu);
            double[][] norms = new double[2][DEPTH + 1];
            for (int k = 0; k < 2; k++) {
                List<NDArray> params = new ArrayList<>();
                for (NDArray w : ws) {
                    NDArray p = w.duplicate();
                    p.setRequiresGradient(true);
                    params.add(p);
                }
                try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                    NDArray h = x;
                    for (int l = 0; l < DEPTH; l++) {
                        h = phis.get(k).apply(h.matMul(params.get(l).transpose()));
                    }
                    NDArray o = h.matMul(params.get(DEPTH).transpose());
                    gc.backward(Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(o)));
                }
                for (int l = 0; l <= DEPTH; l++) {
                    try (NDArray g = params.get(l).getGradient()) {
                        norms[k][l] = g.norm().getFloat();
                    }
                }
            }
            return norms;
        }
    }

    /**
     * The book's M = N(0,1) 4×4, then M ← M·N(0,1) {@value #PRODUCTS} times: {M before, M after}. With the system
     * property {@value TwinTensors#PROPERTY} set, the first M, the {@value #PRODUCTS} factors and the product also go to
     * {@code numerical-stability-product.npz} there, for the PyTorch twin (scripts/pytorch/numerical_stability.py).
     */
    static float[][] exploding(NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            NDArray first = m.randomNormal(new Shape(4, 4));
            NDList factors = new NDList();
            NDArray a = first;
            for (int i = 0; i < PRODUCTS; i++) {
                NDArray b = m.randomNormal(new Shape(4, 4));
                factors.add(b);
                a = a.matMul(b);
            }
            NDArray product = a;
            TwinTensors.save(
                    "numerical-stability-product.npz",
                    () -> Map.of("first", first, "factors", NDArrays.stack(factors), "product", product));
            return new float[][] {first.toFloatArray(), product.toFloatArray()};
        }
    }

    /**
     * A 16-8-3 MLP whose weights all start at 0.1 (biases 0), trained by full-batch SGD at {@code lr} for
     * {@value #SYMMETRY_STEPS} steps on 64 N(0, 1) inputs with random labels, dropout {@code p} on the hidden layer.
     *
     * @return per step (step 0 = init), max |W1[i, j] − W1[i, 0]| over inputs i and hidden units j
     */
    static double[] symmetry(NDManager parent, double lr, float p) {
        try (NDManager m = parent.newSubManager()) {
            List<NDArray> params = List.of(
                    m.full(new Shape(16, 8), 0.1f),
                    m.zeros(new Shape(8)),
                    m.full(new Shape(8, 3), 0.1f),
                    m.zeros(new Shape(3)));
            params.forEach(q -> q.setRequiresGradient(true));
            UnaryOperator<NDArray> train =
                    x -> Ops.dropoutLayer(Ops.relu(x.matMul(params.get(0)).add(params.get(1))), p)
                            .matMul(params.get(2))
                            .add(params.get(3));
            ScratchLearner learner = new ScratchLearner(params, train, train, lr);
            InMemoryDataset data = new InMemoryDataset(
                    m.randomNormal(new Shape(64, 16)), m.randomInteger(0, 3, new Shape(64), DataType.INT64));
            NDList spread = new NDList();
            for (int t = 0; t <= SYMMETRY_STEPS; t++) {
                if (t > 0) {
                    data.forEachBatch(64, null, learner::trainBatch);
                }
                NDArray w1 = params.get(0);
                spread.add(w1.get(m, new NDIndex(":, 0:1")).sub(w1).abs().max()); // stays on m: one read at the end
            }
            return Plots.values(NDArrays.stack(spread));
        }
    }

    private static String matrix(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 4; r++) {
            sb.append("   ");
            for (int c = 0; c < 4; c++) {
                sb.append(String.format(" %12.4e", v[r * 4 + c]));
            }
            sb.append(r < 3 ? "\n" : "");
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
