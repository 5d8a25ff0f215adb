package d2l.mlp.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PyTorch's parameter groups for DJL: each parameter is updated by one of two DJL optimizers, chosen by its id.
 *
 * <p>A DJL {@link Optimizer} has a single weight decay that it applies to every parameter the {@code Trainer}
 * hands it; PyTorch lets the book give the weight {@code weight_decay = wd} and the bias none. The {@code Trainer}
 * calls {@link #update} with each parameter's id ({@link Parameter#getId()}), so routing by id gives exactly the
 * book's groups while the arithmetic stays DJL's own {@code Sgd} (libtorch's fused update
 * {@code w ← w − lr·(∇w + wd·w)} = {@code (1 − lr·wd)·w − lr·∇w}).
 */
public final class ParameterGroups extends Optimizer {

    private final Set<String> decayed;
    private final Optimizer withDecay;
    private final Optimizer withoutDecay;

    private ParameterGroups(Set<String> decayed, Optimizer withDecay, Optimizer withoutDecay) {
        super(new NoOptions());
        this.decayed = decayed;
        this.withDecay = withDecay;
        this.withoutDecay = withoutDecay;
    }

    /**
     * SGD at {@code lr} with weight decay {@code wd} on the weights ({@link Parameter.Type#WEIGHT}) of
     * {@code block} and none on its other parameters (biases).
     */
    public static ParameterGroups sgdDecayingWeightsOnly(Block block, float lr, float wd) {
        Set<String> weights = block.getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.WEIGHT)
                .map(Parameter::getId)
                .collect(Collectors.toSet());
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("block " + block + " has no weight parameter to decay");
        }
        return new ParameterGroups(
                weights,
                Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(lr))
                        .optWeightDecays(wd)
                        .build(),
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build());
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        (decayed.contains(parameterId) ? withDecay : withoutDecay).update(parameterId, weight, grad);
    }

    /** The base class wants a builder; the two inner optimizers carry the real settings. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
