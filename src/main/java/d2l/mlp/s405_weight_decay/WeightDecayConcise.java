package d2l.mlp.s405_weight_decay;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.initializer.NormalInitializer;
import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.optim.ParameterGroups;
import d2l.mlp.optim.SquaredLoss;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import d2l.mlp.train.ConciseLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Section 4.5 with DJL: {@code Linear(1)} with weight and bias N(0, 1), {@link SquaredLoss#mse} (the
 * book's {@code nn.MSELoss}: {@code (ŷ − y)²} <em>without</em> the ½, averaged over the batch), and DJL's SGD with
 * weight decay on the weight only, through {@link ParameterGroups} (the book's two PyTorch parameter groups).
 */
public final class WeightDecayConcise {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "weight-decay-concise",
            "4.5",
            "weight decay with DJL on the weight only, wd 0 and 3",
            WeightDecayConcise::defaults,
            WeightDecayConcise::run);

    /** The book's two settings of {@code wd}. */
    public static final double[] WDS = {0, 3};

    private WeightDecayConcise() {}

    public static RunConfig defaults() {
        return WeightDecay.defaults();
    }

    public static WeightDecay.Result run(RunConfig cfg) {
        TorchRuntime.seed(cfg.seed());
        Device device = TorchRuntime.device(cfg.device());
        List<WeightDecay.Run> runs = new ArrayList<>();
        try (NDManager m = TorchRuntime.newManager(device)) {
            HighDimData data = HighDimData.generate(m, new Random(cfg.seed()));
            for (double wd : WDS) {
                WeightDecay.Run r = train(m, data, (float) wd, cfg, device, new Random(cfg.seed() + 1));
                System.out.printf(
                        "concise wd %s: ||w|| %.4f, train loss %.3g, test loss %.3g%n",
                        wd, r.norm(), r.loss().finalTrain(), r.loss().finalTest());
                runs.add(r);
            }
        }
        return new WeightDecay.Result(
                "weight decay with DJL",
                "(y_hat - y)^2, mean (nn.MSELoss)",
                runs,
                List.of(
                        BookNumbers.WD_CONCISE_NORM_0.check(runs.get(0).norm()),
                        BookNumbers.WD_CONCISE_NORM_3.check(runs.get(1).norm())),
                false);
    }

    /** The section's loss (the mean squared error), SGD decaying {@code net}'s weight only, and N(0, 1) init. */
    public static DefaultTrainingConfig trainingConfig(Linear net, float lr, float wd) {
        return new DefaultTrainingConfig(SquaredLoss.mse())
                .optOptimizer(ParameterGroups.sgdDecayingWeightsOnly(net, lr, wd))
                .optInitializer(new NormalInitializer(1f), Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(1f), Parameter.Type.BIAS);
    }

    /** A learner for {@code Linear(1)} on 200 inputs with weight decay {@code wd} on the weight only. */
    public static ConciseLearner newLearner(Model model, float lr, float wd, Device device) {
        Linear net = Linear.builder().setUnits(1).build();
        model.setBlock(net);
        ConciseLearner learner =
                ConciseLearner.open(model, trainingConfig(net, lr, wd).optDevices(new Device[] {device}));
        learner.trainer().initialize(new Shape(1, HighDimData.DIM));
        return learner;
    }

    /** Trains one model; {@code rng} draws the minibatch order. */
    static WeightDecay.Run train(NDManager m, HighDimData data, float wd, RunConfig cfg, Device device, Random rng) {
        try (Model model = Model.newInstance(
                        "weight-decay-concise", device, TorchRuntime.engine().getEngineName());
                ConciseLearner learner = newLearner(model, (float) cfg.lr(), wd, device)) {
            DoubleSupplier norm = () -> model.getBlock()
                    .getParameters()
                    .get("weight")
                    .getArray()
                    .norm()
                    .getFloat();
            return WeightDecay.fit(
                    "weight-decay-concise, wd " + wd,
                    m,
                    data,
                    cfg,
                    rng,
                    new WeightDecay.LinearModel(
                            wd, (x, y) -> learner.trainBatch(x, y).get(1), learner::predict, 1f, norm));
        }
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
