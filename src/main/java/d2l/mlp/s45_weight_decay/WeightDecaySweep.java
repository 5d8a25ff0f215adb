package d2l.mlp.s45_weight_decay;

import d2l.mlp.cli.Main;
import d2l.mlp.core.RunConfig;
import java.util.List;

/**
 * Beyond the book: the scratch model of section 4.5 for λ = 0, 0.5, 1, 2, 3, 5, 10, plotting ‖w‖ and the final
 * train and test loss against λ.
 */
public final class WeightDecaySweep {

    public static final double[] LAMBDAS = {0, 0.5, 1, 2, 3, 5, 10};

    private WeightDecaySweep() {}

    public static RunConfig defaults() {
        return WeightDecay.defaults();
    }

    public static WeightDecay.Outcome run(RunConfig cfg) {
        return new WeightDecay.Outcome("weight decay sweep (scratch)", "1/2 (y_hat - y)^2, mean",
                WeightDecayScratch.sweep(cfg, LAMBDAS), List.of(), true);
    }

    public static void main(String[] args) {
        Main.runOne("weight-decay-sweep", args);
    }
}
