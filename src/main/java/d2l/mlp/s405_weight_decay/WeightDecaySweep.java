package d2l.mlp.s405_weight_decay;

import d2l.mlp.experiment.Experiment;
import d2l.mlp.experiment.Launcher;
import d2l.mlp.runtime.RunConfig;
import java.util.List;

/**
 * Beyond the book: the scratch model of section 4.5 for λ = 0, 0.5, 1, 2, 3, 5, 10, plotting ‖w‖ and the final
 * train and test loss against λ.
 */
public final class WeightDecaySweep {

    /** The experiment, as the CLI lists it. */
    public static final Experiment EXPERIMENT = new Experiment(
            "weight-decay-sweep",
            "4.5",
            "||w|| and loss against lambda (beyond the book)",
            WeightDecaySweep::defaults,
            WeightDecaySweep::run);

    public static final double[] LAMBDAS = {0, 0.5, 1, 2, 3, 5, 10};

    private WeightDecaySweep() {}

    public static RunConfig defaults() {
        return WeightDecay.defaults();
    }

    public static WeightDecay.Result run(RunConfig cfg) {
        return new WeightDecay.Result(
                "weight decay sweep (scratch)",
                "1/2 (y_hat - y)^2, mean",
                WeightDecayScratch.sweep(cfg, LAMBDAS),
                List.of(),
                true);
    }

    public static void main(String[] args) {
        Launcher.main(EXPERIMENT, args);
    }
}
