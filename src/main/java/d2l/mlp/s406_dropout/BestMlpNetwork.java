package d2l.mlp.s406_dropout;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import d2l.mlp.scratch.TorchInit;
import java.util.List;

/**
 * The network family {@link MlpBestSweep} chooses from and {@link MlpBest} trains: flatten, then per hidden layer
 * Linear, ReLU and Dropout, a Linear(10) on top, every Linear with PyTorch's default initialization. How it is
 * trained is {@link BestMlpTraining}'s.
 */
public final class BestMlpNetwork {

    private BestMlpNetwork() {}

    /**
     * One network of the family.
     *
     * @param hidden units of each hidden layer, input side first
     * @param dropout the dropout rate after every hidden layer
     */
    public record Candidate(List<Integer> hidden, double dropout) {

        public Candidate {
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty() || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException(
                        "need at least one hidden layer and 0 <= dropout < 1, got " + hidden + ", " + dropout);
            }
        }

        /** {@code 512-256 d0.2}. */
        public String label() {
            return String.join("-", hidden.stream().map(String::valueOf).toList()) + " d" + dropout;
        }

        /** The fan-in of every Linear layer, input side first: 784, then each hidden width. */
        long[] fanIns() {
            long[] fanIn = new long[hidden.size() + 1];
            fanIn[0] = 784;
            for (int i = 0; i < hidden.size(); i++) {
                fanIn[i + 1] = hidden.get(i);
            }
            return fanIn;
        }
    }

    /** The network of {@code c}, uninitialized. */
    public static SequentialBlock net(Candidate c) {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock(784));
        for (int units : c.hidden()) {
            net.add(Linear.builder().setUnits(units).build()).add(Activation::relu);
            if (c.dropout() > 0) {
                net.add(Dropout.builder().optRate((float) c.dropout()).build());
            }
        }
        return net.add(Linear.builder().setUnits(10).build());
    }

    /**
     * Gives every Linear of {@code net} PyTorch's default: weights and biases U(−1/√fan_in, 1/√fan_in). Call it after
     * {@code model.newTrainer} (which sets the config's initializer on every block) and before
     * {@code trainer.initialize}; otherwise DJL's own default is used.
     */
    public static void torchInit(SequentialBlock net, Candidate c) {
        TorchInit.onLinears(net, c.fanIns(), Parameter.Type.WEIGHT, Parameter.Type.BIAS);
    }
}
