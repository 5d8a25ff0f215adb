package d2l.mlp.s407_backprop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.report.ExperimentResult;
import d2l.mlp.report.TwinTensors;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Section 4.7: the one-hidden-layer network without biases, z = W1·x, h = φ(z), o = W2·h, J = l(o, y) +
 * λ/2(‖W1‖²_F + ‖W2‖²_F), with l the softmax cross-entropy (mean over the batch). The forward pass keeps z, h and o;
 * the backward pass applies the book's formulas, batched (one example per row, so z = x·W1ᵀ):
 *
 * <pre>
 * ∂J/∂o  = (softmax(o) − onehot(y)) / n      ∂J/∂W2 = (∂J/∂o)ᵀ·h + λW2
 * ∂J/∂h  = ∂J/∂o · W2                        ∂J/∂z  = ∂J/∂h ⊙ φ'(z)
 * ∂J/∂W1 = (∂J/∂z)ᵀ·x + λW1
 * </pre>
 *
 * {@link #run} checks both gradients against DJL's autograd (float32, the chapter's 784-256-10 sizes) and against
 * central finite differences on a tiny float64 net, for φ = ReLU, sigmoid and tanh.
 *
 * <p>With the system property {@value TwinTensors#PROPERTY} set to a directory, the run also writes there, per φ,
 * the inputs and weights of the float32 pass with its L, s, J and hand-written gradients ({@code backprop-relu.npz},
 * …): the PyTorch twin (scripts/pytorch/backprop.py) recomputes them from the same inputs. They are megabytes, so a
 * plain run does not write them.
 */
public final class Backprop {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "backprop",
            "4.7",
            "forward and backward pass by hand vs autograd and finite differences",
            Backprop::defaults,
            Backprop::run);

    /** The hidden activation φ and its derivative φ'. */
    public enum Phi {
        RELU(Activation::relu, z -> z.gt(0).toType(z.getDataType(), false)),
        SIGMOID(Activation::sigmoid, z -> {
            NDArray s = Activation.sigmoid(z);
            return s.mul(s.neg().add(1));
        }),
        TANH(Activation::tanh, z -> Activation.tanh(z).square().neg().add(1));

        private final UnaryOperator<NDArray> f;
        private final UnaryOperator<NDArray> df;

        Phi(UnaryOperator<NDArray> f, UnaryOperator<NDArray> df) {
            this.f = f;
            this.df = df;
        }

        public NDArray apply(NDArray z) {
            return f.apply(z);
        }

        public NDArray derivative(NDArray z) {
            return df.apply(z);
        }
    }

    /** What the forward pass stores for the backward pass; {@code j} = {@code loss} + {@code penalty}. */
    public record Forward(
            NDArray x, NDArray y, NDArray z, NDArray h, NDArray o, NDArray loss, NDArray penalty, NDArray j) {}

    /** ∂J/∂W1 (hidden × inputs) and ∂J/∂W2 (outputs × hidden). */
    public record Grads(NDArray dW1, NDArray dW2) {}

    /**
     * Relative errors ‖ours − reference‖_F / ‖reference‖_F of one activation's gradients.
     *
     * @param autogradW1 against DJL autograd, ∂J/∂W1 (float32)
     * @param autogradW2 against DJL autograd, ∂J/∂W2 (float32)
     * @param finiteDiffW1 against central differences, ∂J/∂W1 (float64 tiny net)
     * @param finiteDiffW2 against central differences, ∂J/∂W2 (float64 tiny net)
     */
    public record Check(String phi, double autogradW1, double autogradW2, double finiteDiffW1, double finiteDiffW2) {}

    /**
     * The checks for every φ and the printed trace of one forward and backward pass; metrics.json holds both.
     *
     * @param relativeErrors one check per φ
     * @param trace the lines printed for the first φ
     */
    public record Result(List<Check> relativeErrors, List<String> trace) implements ExperimentResult {

        @Override
        public Result metrics() {
            return this;
        }
    }

    /** Penalty weight λ used by {@link #run}. */
    public static final float LAMBDA = 0.01f;

    private Backprop() {}

    /** Takes only a batch size: the number of random inputs the gradients are compared on. */
    public static RunConfig defaults() {
        return RunConfig.none().withBatchSize(256);
    }

    /** Forward pass on the rows of {@code x} (n × d) with labels {@code y} (n, int64). */
    public static Forward forward(NDArray x, NDArray y, NDArray w1, NDArray w2, Phi phi, float lambda) {
        NDArray z = x.matMul(w1.transpose());
        NDArray h = phi.apply(z);
        NDArray o = h.matMul(w2.transpose());
        int q = (int) o.getShape().get(1);
        NDArray loss = o.logSoftmax(1)
                .mul(y.oneHot(q, o.getDataType()))
                .sum(new int[] {1})
                .neg()
                .mean();
        NDArray penalty = w1.square().sum().add(w2.square().sum()).mul(lambda / 2);
        return new Forward(x, y, z, h, o, loss, penalty, loss.add(penalty));
    }

    /** Backward pass from the stored forward values, by the book's formulas. */
    public static Grads backward(Forward f, NDArray w1, NDArray w2, Phi phi, float lambda) {
        long n = f.x().getShape().get(0);
        int q = (int) f.o().getShape().get(1);
        NDArray dO = f.o().softmax(1).sub(f.y().oneHot(q, f.o().getDataType())).div(n);
        NDArray dW2 = dO.transpose().matMul(f.h()).add(w2.mul(lambda));
        NDArray dH = dO.matMul(w2);
        NDArray dZ = dH.mul(phi.derivative(f.z()));
        NDArray dW1 = dZ.transpose().matMul(f.x()).add(w1.mul(lambda));
        return new Grads(dW1, dW2);
    }

    /** J computed by DJL's own blocks (activation, softmax cross-entropy), its gradients by autograd. */
    public static Grads autograd(NDArray x, NDArray y, NDArray w1, NDArray w2, Phi phi, float lambda) {
        w1.setRequiresGradient(true);
        w2.setRequiresGradient(true);
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            NDArray o = phi.apply(x.matMul(w1.transpose())).matMul(w2.transpose());
            NDArray halfLambda = TorchRuntime.scalar(x, lambda / 2); // not mul(float): see TorchRuntime.scalar
            NDArray j = Loss.softmaxCrossEntropyLoss()
                    .evaluate(new NDList(y), new NDList(o))
                    .add(w1.square().sum().add(w2.square().sum()).mul(halfLambda));
            gc.backward(j);
        }
        return new Grads(w1.getGradient(), w2.getGradient());
    }

    /** Central differences (J(w + ε) − J(w − ε)) / 2ε of every weight, in float64. */
    public static Grads finiteDifferences(
            NDArray x, NDArray y, NDArray w1, NDArray w2, Phi phi, float lambda, double eps) {
        double[] a = w1.toDoubleArray();
        double[] b = w2.toDoubleArray();
        NDManager m = x.getManager();
        double[] ga = new double[a.length];
        double[] gb = new double[b.length];
        for (int k = 0; k < a.length + b.length; k++) {
            double[] v = k < a.length ? a : b;
            int i = k < a.length ? k : k - a.length;
            double keep = v[i];
            double[] js = new double[2];
            for (int s = 0; s < 2; s++) {
                v[i] = keep + (s == 0 ? eps : -eps);
                try (NDManager step = m.newSubManager()) {
                    js[s] = forward(x, y, step.create(a, w1.getShape()), step.create(b, w2.getShape()), phi, lambda)
                            .j()
                            .getDouble();
                }
            }
            v[i] = keep;
            (k < a.length ? ga : gb)[i] = (js[0] - js[1]) / (2 * eps);
        }
        return new Grads(m.create(ga, w1.getShape()), m.create(gb, w2.getShape()));
    }

    /** ‖a − b‖_F / ‖b‖_F. */
    public static double relativeError(NDArray a, NDArray b) {
        NDArray d = b.toType(DataType.FLOAT64, false);
        return a.toType(DataType.FLOAT64, false).sub(d).norm().getDouble()
                / d.norm().getDouble();
    }

    /** The order of the computational graph with the shapes of this pass. */
    public static List<String> trace(Forward f, Grads g, Phi phi) {
        String p = phi.name().toLowerCase();
        return List.of(
                "forward  x " + f.x().getShape() + ", y " + f.y().getShape(),
                "forward  z = x·W1ᵀ " + f.z().getShape(),
                "forward  h = " + p + "(z) " + f.h().getShape(),
                "forward  o = h·W2ᵀ " + f.o().getShape(),
                "forward  L = cross-entropy(o, y) = " + f.loss().getFloat(),
                "forward  s = λ/2(‖W1‖² + ‖W2‖²) = " + f.penalty().getFloat(),
                "forward  J = L + s = " + f.j().getFloat(),
                "backward ∂J/∂o = (softmax(o) − onehot(y))/n " + f.o().getShape(),
                "backward ∂J/∂W2 = (∂J/∂o)ᵀ·h + λW2 " + g.dW2().getShape(),
                "backward ∂J/∂h = ∂J/∂o·W2 " + f.h().getShape(),
                "backward ∂J/∂z = ∂J/∂h ⊙ " + p + "'(z) " + f.z().getShape(),
                "backward ∂J/∂W1 = (∂J/∂z)ᵀ·x + λW1 " + g.dW1().getShape());
    }

    /**
     * For each φ: hand-written gradients vs autograd on n = {@code cfg.batchSize()} random 784-pixel inputs with
     * 256 hidden units and 10 classes (float32), and vs finite differences on a 5-4-3 net with 4 examples (float64).
     */
    public static Result run(RunConfig cfg) {
        TorchRuntime.seed(cfg.seed());
        List<Check> rows = new ArrayList<>();
        List<String> trace = null;
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            for (Phi phi : Phi.values()) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.randomUniform(0f, 1f, new Shape(cfg.batchSize(), 784));
                    NDArray y = s.randomInteger(0, 10, new Shape(cfg.batchSize()), DataType.INT64);
                    NDArray w1 = s.randomNormal(0f, 0.05f, new Shape(256, 784), DataType.FLOAT32);
                    NDArray w2 = s.randomNormal(0f, 0.1f, new Shape(10, 256), DataType.FLOAT32);
                    Forward f = forward(x, y, w1, w2, phi, LAMBDA);
                    Grads ours = backward(f, w1, w2, phi, LAMBDA);
                    Grads ag = autograd(x, y, w1, w2, phi, LAMBDA);
                    if (trace == null) {
                        trace = trace(f, ours, phi);
                    }
                    TwinTensors.save(
                            "backprop-" + phi.name().toLowerCase() + ".npz",
                            () -> Map.of(
                                    "x", x,
                                    "y", y,
                                    "W1", w1,
                                    "W2", w2,
                                    "lambda", s.create(new float[] {LAMBDA}),
                                    "L", f.loss().reshape(1),
                                    "s", f.penalty().reshape(1),
                                    "J", f.j().reshape(1),
                                    "dW1", ours.dW1(),
                                    "dW2", ours.dW2()));
                    NDArray tx = s.randomNormal(0f, 1f, new Shape(4, 5), DataType.FLOAT64);
                    NDArray ty = s.randomInteger(0, 3, new Shape(4), DataType.INT64);
                    NDArray tw1 = s.randomNormal(0f, 1f, new Shape(4, 5), DataType.FLOAT64);
                    NDArray tw2 = s.randomNormal(0f, 1f, new Shape(3, 4), DataType.FLOAT64);
                    Grads tiny = backward(forward(tx, ty, tw1, tw2, phi, LAMBDA), tw1, tw2, phi, LAMBDA);
                    Grads fd = finiteDifferences(tx, ty, tw1, tw2, phi, LAMBDA, 1e-6);
                    rows.add(new Check(
                            phi.name().toLowerCase(),
                            relativeError(ours.dW1(), ag.dW1()),
                            relativeError(ours.dW2(), ag.dW2()),
                            relativeError(tiny.dW1(), fd.dW1()),
                            relativeError(tiny.dW2(), fd.dW2())));
                }
            }
        }
        trace.forEach(line -> System.out.println("  " + line));
        rows.forEach(r -> System.out.printf(
                "  %-7s relative error vs autograd: W1 %.2e, W2 %.2e; "
                        + "vs finite differences (float64): W1 %.2e, W2 %.2e%n",
                r.phi(), r.autogradW1(), r.autogradW2(), r.finiteDiffW1(), r.finiteDiffW2()));
        return new Result(rows, trace);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
