package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/** Minibatch SGD written out: {@code p ← p − lr·∇p}, then the gradient is zeroed for the next batch. */
public final class Sgd {

    private Sgd() {}

    /**
     * One step on every parameter. Call it after the gradient collector is closed (outside recording).
     *
     * @param lr learning rate; the gradient is that of the batch's mean loss
     */
    public static void step(List<NDArray> params, float lr) {
        for (NDArray p : params) {
            try (NDArray g = p.getGradient()) {
                p.subi(g.muli(lr));
            }
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
