package d2l.mlp;

import d2l.mlp.core.Result;
import d2l.mlp.core.RunConfig;
import d2l.mlp.s41_mlp.Activations;
import d2l.mlp.s42_mlp_scratch.MlpScratch;
import d2l.mlp.s43_mlp_concise.MlpConcise;
import d2l.mlp.s410_kaggle_house.KaggleHouse;
import d2l.mlp.s410_kaggle_house.KaggleHouseMlp;
import d2l.mlp.s44_underfit_overfit.ModelSelection;
import d2l.mlp.s44_underfit_overfit.UnderfitOverfit;
import d2l.mlp.s45_weight_decay.WeightDecayConcise;
import d2l.mlp.s45_weight_decay.WeightDecayScratch;
import d2l.mlp.s45_weight_decay.WeightDecaySweep;
import d2l.mlp.s46_dropout.DropoutConcise;
import d2l.mlp.s46_dropout.DropoutScratch;
import d2l.mlp.s47_backprop.Backprop;
import d2l.mlp.s48_numerical_stability.NumericalStability;
import d2l.mlp.s48_numerical_stability.Xavier;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The chapter's experiments in book order: what {@code list}, {@code run} and {@code all} know. */
public final class Chapter {

    /** Runs an experiment. */
    @FunctionalInterface
    public interface Runner {
        Result run(RunConfig cfg) throws Exception;
    }

    /**
     * One runnable experiment.
     *
     * @param name CLI name and results/ folder
     * @param section the book's section number
     * @param title what it shows
     * @param defaults the book's hyperparameters
     * @param runner the section's {@code run}
     */
    public record Experiment(String name, String section, String title, Supplier<RunConfig> defaults,
            Runner runner) {}

    public static final List<Experiment> EXPERIMENTS = List.of(
            new Experiment("activations", "4.1", "ReLU, pReLU, sigmoid, tanh and their gradients",
                    Activations::defaults, Activations::run),
            new Experiment("mlp-scratch", "4.2", "MLP 784-256-10 from scratch on Fashion-MNIST",
                    MlpScratch::defaults, MlpScratch::run),
            new Experiment("mlp-concise", "4.3", "MLP 784-256-10 with DJL blocks on Fashion-MNIST",
                    MlpConcise::defaults, MlpConcise::run),
            // §4.4–4.5 model selection and weight decay
            new Experiment("underfit-overfit", "4.4", "polynomial regression: degree 3, 1 and 19 (all features)",
                    UnderfitOverfit::defaults, UnderfitOverfit::run),
            new Experiment("model-selection", "4.4", "polynomial degree chosen by 5-fold cross-validation",
                    ModelSelection::defaults, ModelSelection::run),
            new Experiment("weight-decay-scratch", "4.5", "weight decay from scratch, lambda 0 and 3",
                    WeightDecayScratch::defaults, WeightDecayScratch::run),
            new Experiment("weight-decay-concise", "4.5", "weight decay with DJL on the weight only, wd 0 and 3",
                    WeightDecayConcise::defaults, WeightDecayConcise::run),
            new Experiment("weight-decay-sweep", "4.5", "||w|| and loss against lambda (beyond the book)",
                    WeightDecaySweep::defaults, WeightDecaySweep::run),
            // §4.6–4.8 dropout, backprop, numerical stability
            new Experiment("dropout-scratch", "4.6", "MLP 784-256-256-10 with hand-written dropout (0.2, 0.5)",
                    DropoutScratch::defaults, DropoutScratch::run),
            new Experiment("dropout-concise", "4.6", "MLP 784-256-256-10 with DJL Dropout blocks (0.2, 0.5)",
                    DropoutConcise::defaults, DropoutConcise::run),
            new Experiment("backprop", "4.7", "forward and backward pass by hand vs autograd and finite differences",
                    Backprop::defaults, Backprop::run),
            new Experiment("numerical-stability", "4.8", "vanishing and exploding gradients, broken symmetry",
                    NumericalStability::defaults, NumericalStability::run),
            new Experiment("xavier", "4.8", "Xavier initialization: weight variance and activations through depth",
                    Xavier::defaults, Xavier::run),
            // §4.10 Kaggle house prices
            new Experiment("kaggle-house", "4.10", "House prices: linear model, 5-fold log rmse, submission.csv",
                    KaggleHouse::defaults, KaggleHouse::run),
            new Experiment("kaggle-house-mlp", "4.10+", "House prices beyond the book: MLP on log price, 5-fold",
                    KaggleHouseMlp::defaults, KaggleHouseMlp::run));

    private Chapter() {}

    public static Optional<Experiment> find(String name) {
        return EXPERIMENTS.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return EXPERIMENTS.stream().map(Experiment::name).toList();
    }
}
