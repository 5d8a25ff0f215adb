package d2l.mlp.s405_weight_decay;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.scratch.MinibatchSgd;
import d2l.mlp.scratch.Penalties;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Section 4.5 from scratch: linear regression {@code ŷ = x·w + b} on the 20 × 200 data, w ~ N(0, 1), b = 0, loss
 * {@code ½(ŷ − y)² + λ·l2Penalty(w)} averaged over the minibatch (the book sums and divides the step by the batch
 * size: the same update), hand-written minibatch SGD. The logged losses are the book's {@code squared_loss},
 * {@code ½(ŷ − y)²}, without the penalty.
 */
public final class WeightDecayScratch {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "weight-decay-scratch",
            "4.5",
            "weight decay from scratch, lambda 0 and 3",
            WeightDecayScratch::defaults,
            WeightDecayScratch::run);

    /** The book's two settings. */
    public static final double[] LAMBDAS = {0, 3};

    private WeightDecayScratch() {}

    public static RunConfig defaults() {
        return WeightDecay.defaults();
    }

    public static WeightDecay.Result run(RunConfig cfg) {
        List<WeightDecay.Run> runs = sweep(cfg, LAMBDAS);
        return new WeightDecay.Result(
                "weight decay from scratch",
                "1/2 (y_hat - y)^2, mean",
                runs,
                List.of(
                        BookNumbers.WD_SCRATCH_NORM_0.check(runs.get(0).norm()),
                        BookNumbers.WD_SCRATCH_NORM_3.check(runs.get(1).norm())),
                false);
    }

    /** One run per λ, each on the same data (drawn from the seed) and from the same initial weights. */
    public static List<WeightDecay.Run> sweep(RunConfig cfg, double[] lambdas) {
        TorchRuntime.seed(cfg.seed());
        List<WeightDecay.Run> runs = new ArrayList<>();
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            HighDimData data = HighDimData.generate(m, new Random(cfg.seed()));
            for (double lambda : lambdas) {
                WeightDecay.Run r = train(m, data, (float) lambda, cfg, new Random(cfg.seed() + 1));
                System.out.printf(
                        "scratch lambda %s: ||w|| %.4f, train loss %.3g, test loss %.3g%n",
                        lambda, r.norm(), r.loss().finalTrain(), r.loss().finalTest());
                runs.add(r);
            }
        }
        return runs;
    }

    /** Trains one model; {@code rng} draws w and then the minibatch order. */
    static WeightDecay.Run train(NDManager parent, HighDimData data, float lambda, RunConfig cfg, Random rng) {
        try (NDManager m = parent.newSubManager()) {
            float[] w0 = new float[HighDimData.DIM];
            for (int i = 0; i < w0.length; i++) {
                w0[i] = (float) rng.nextGaussian();
            }
            NDArray w = m.create(w0, new Shape(HighDimData.DIM, 1));
            NDArray b = m.zeros(new Shape(1));
            List<NDArray> params = List.of(w, b);
            params.forEach(p -> p.setRequiresGradient(true));
            float lr = (float) cfg.lr();
            WeightDecay.Step step = (x, y) -> {
                NDArray l;
                try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                    NDArray err = x.matMul(w).add(b).reshape(-1).sub(y);
                    // scalars as tensors, not mul(float): see TorchRuntime.scalar
                    l = err.square()
                            .div(TorchRuntime.scalar(err, 2f))
                            .mean()
                            .add(Penalties.l2Penalty(x.getManager(), w).mul(TorchRuntime.scalar(err, lambda)));
                    gc.backward(l);
                }
                MinibatchSgd.step(params, lr);
                return l;
            };
            return WeightDecay.fit(
                    "weight-decay-scratch, lambda " + lambda,
                    m,
                    data,
                    cfg,
                    rng,
                    new WeightDecay.LinearModel(
                            lambda,
                            step,
                            x -> x.matMul(w).add(b),
                            0.5f,
                            () -> w.norm().getFloat()));
        }
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
