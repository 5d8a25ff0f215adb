package d2l.mlp.scratch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import d2l.mlp.core.Djl;
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
            // the rate as a libtorch scalar: a float operand would allocate a Java direct buffer every step
            try (NDArray g = p.getGradient(); NDArray rate = Djl.scalar(g, lr)) {
                p.subi(g.muli(rate));
            }
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
