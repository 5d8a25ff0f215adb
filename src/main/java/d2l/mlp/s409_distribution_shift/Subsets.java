package d2l.mlp.s409_distribution_shift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import d2l.mlp.data.InMemoryDataset;
import d2l.mlp.train.Learner;
import java.util.ArrayList;
import java.util.List;

/** Row selections of a data set and the reads to the host both shifts need; called once per set, not per batch. */
final class Subsets {

    /** Rows per forward pass when only predicting. */
    private static final int EVAL_BATCH = 2048;

    private Subsets() {}

    /** Rows {@code rows} of {@code data}, in that order, owned by {@code manager}. */
    static InMemoryDataset rows(InMemoryDataset data, long[] rows, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDIndex pick = new NDIndex("{}", scratch.create(rows));
            return new InMemoryDataset(data.x().get(manager, pick), data.y().get(manager, pick));
        }
    }

    /** The labels of {@code data} on the host. */
    static int[] labels(InMemoryDataset data) {
        try (NDArray copy = data.y().toType(DataType.INT64, true)) { // a copy: closing it leaves data alone
            long[] y = copy.toLongArray();
            int[] out = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = (int) y[i];
            }
            return out;
        }
    }

    /** Softmax of {@code learner}'s outputs on every row of {@code data}, row-major on the host. */
    static float[] probabilities(Learner learner, InMemoryDataset data) {
        return outputs(learner, data, true);
    }

    /** {@code learner}'s outputs (logits) on every row of {@code data}, row-major on the host. */
    static float[] logits(Learner learner, InMemoryDataset data) {
        return outputs(learner, data, false);
    }

    private static float[] outputs(Learner learner, InMemoryDataset data, boolean softmax) {
        List<float[]> parts = new ArrayList<>();
        data.forEachBatch(EVAL_BATCH, null, (x, y) -> {
            NDArray out = learner.predict(x);
            parts.add((softmax ? out.softmax(1) : out).toFloatArray());
        });
        float[] all = new float[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Softmax regression: flatten, one linear layer to {@code classes} outputs (softmax in the loss). */
    static SequentialBlock softmaxRegression(int classes) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
