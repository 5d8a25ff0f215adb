package d2l.mlp;

import d2l.mlp.experiment.Experiment;
import d2l.mlp.s401_mlp.Activations;
import d2l.mlp.s402_mlp_scratch.MlpScratch;
import d2l.mlp.s403_mlp_concise.MlpConcise;
import d2l.mlp.s404_underfit_overfit.ModelSelection;
import d2l.mlp.s404_underfit_overfit.UnderfitOverfit;
import d2l.mlp.s405_weight_decay.WeightDecayConcise;
import d2l.mlp.s405_weight_decay.WeightDecayScratch;
import d2l.mlp.s405_weight_decay.WeightDecaySweep;
import d2l.mlp.s406_dropout.DropoutConcise;
import d2l.mlp.s406_dropout.DropoutScratch;
import d2l.mlp.s406_dropout.MlpBest;
import d2l.mlp.s406_dropout.MlpBestSweep;
import d2l.mlp.s407_backprop.Backprop;
import d2l.mlp.s408_numerical_stability.NumericalStability;
import d2l.mlp.s408_numerical_stability.Xavier;
import d2l.mlp.s409_distribution_shift.DistributionShift;
import d2l.mlp.s410_kaggle_house.KaggleHouse;
import d2l.mlp.s410_kaggle_house.KaggleHouseMlp;
import java.util.List;
import java.util.Optional;

/** The chapter's experiments in book order: what {@code list}, {@code run} and {@code all} know. */
public final class Chapter {

    /** Every experiment, in the book's order. */
    public static final List<Experiment> EXPERIMENTS = List.of(
            Activations.EXPERIMENT,
            MlpScratch.EXPERIMENT,
            MlpConcise.EXPERIMENT,
            UnderfitOverfit.EXPERIMENT,
            ModelSelection.EXPERIMENT,
            WeightDecayScratch.EXPERIMENT,
            WeightDecayConcise.EXPERIMENT,
            WeightDecaySweep.EXPERIMENT,
            DropoutScratch.EXPERIMENT,
            DropoutConcise.EXPERIMENT,
            MlpBestSweep.EXPERIMENT,
            MlpBest.EXPERIMENT,
            Backprop.EXPERIMENT,
            NumericalStability.EXPERIMENT,
            Xavier.EXPERIMENT,
            DistributionShift.EXPERIMENT,
            KaggleHouse.EXPERIMENT,
            KaggleHouseMlp.EXPERIMENT);

    private Chapter() {}

    public static Optional<Experiment> find(String name) {
        return EXPERIMENTS.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return EXPERIMENTS.stream().map(Experiment::name).toList();
    }
}
