package d2l.mlp.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import d2l.mlp.runtime.TorchRuntime;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written dropout against DJL's {@link Dropout} block, on 2²⁰ elements. */
class DropoutLayerTest {

    private static final Shape SHAPE = new Shape(1024, 1024);
    private static final double N = SHAPE.size();

    /** Checks zero fraction, survivor scaling and mean of {@code drop(x)} for x = 1 + U[0, 1) (never 0). */
    private static void assertDropout(NDManager m, float p, UnaryOperator<NDArray> drop, String who) {
        NDArray x = m.randomUniform(0f, 1f, SHAPE).add(1f);
        NDArray out = drop.apply(x);
        NDArray dropped = out.eq(0f);
        double zeros = dropped.sum().getLong() / N;
        double sigma = Math.sqrt(p * (1 - p) / N);
        assertEquals(p, zeros, 5 * sigma, who + ": fraction of zeros for p = " + p);
        // every survivor is x·1/(1 − p), to float32 rounding
        NDArray kept = dropped.logicalNot();
        NDArray expected = x.mul(1f / (1f - p));
        double worst = out.sub(expected)
                .abs()
                .mul(kept.toType(DataType.FLOAT32, false))
                .div(expected)
                .max()
                .getFloat();
        assertTrue(worst <= 2e-7, who + ": survivors off 1/(1 − p) scaling by " + worst);
        // mean preserved: E[out] = E[x]; std error of the mean of out is ≈ sqrt(E[x²]·p/(1 − p)/N)
        double meanX = x.mean().getFloat();
        double se = Math.sqrt(x.square().mean().getFloat() * p / (1 - p) / N);
        assertEquals(meanX, out.mean().getFloat(), 5 * se, who + ": mean for p = " + p);
    }

    @ParameterizedTest
    @ValueSource(floats = {0.2f, 0.5f, 0.8f})
    void oursAndDjlsDropoutZeroAFractionPAndScaleSurvivors(float p) {
        TorchRuntime.seed(5);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            assertDropout(m, p, x -> Ops.dropoutLayer(x, p), "dropoutLayer");
            Dropout block = Dropout.builder().optRate(p).build();
            block.initialize(m, DataType.FLOAT32, SHAPE);
            ParameterStore ps = new ParameterStore(m, false);
            assertDropout(m, p, x -> block.forward(ps, new NDList(x), true).singletonOrThrow(), "DJL Dropout");
            // inference mode: DJL's block is the identity
            NDArray x = m.randomUniform(0f, 1f, new Shape(64, 64));
            assertEquals(x, block.forward(ps, new NDList(x), false).singletonOrThrow());
        }
    }

    @Test
    void endpointsAndInvalidProbabilities() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(10, 10));
            assertSame(x, Ops.dropoutLayer(x, 0f));
            NDArray zeros = Ops.dropoutLayer(x, 1f);
            assertEquals(x.getShape(), zeros.getShape());
            assertEquals(0f, zeros.abs().sum().getFloat());
            for (float bad : new float[] {-0.1f, 1.1f, Float.NaN}) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> Ops.dropoutLayer(x, bad));
                assertTrue(e.getMessage().contains("p = " + bad), e.getMessage());
            }
        }
    }

    @Test
    void gradientFlowsOnlyThroughSurvivorsScaledBy1OverOneMinusP() {
        TorchRuntime.seed(6);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(100, 100)).add(1f);
            x.setRequiresGradient(true);
            NDArray y;
            try (var gc = TorchRuntime.engine().newGradientCollector()) {
                y = Ops.dropoutLayer(x, 0.5f);
                churnGarbage(); // a GC between forward and backward must not change the gradient
                gc.backward(y);
            }
            NDArray expected = y.gt(0f).toType(DataType.FLOAT32, false).mul(2f);
            assertEquals(expected, x.getGradient());
        }
    }

    /**
     * Runs the garbage collector and refills freed small native blocks with NaN, so that a tensor whose memory
     * belongs to a collected Java buffer (DJL's PyTorch engine makes one for every Number operand) shows up.
     */
    static void churnGarbage() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            java.util.List<java.nio.ByteBuffer> fill = new java.util.ArrayList<>();
            for (int i = 0; i < 20000; i++) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(4).order(java.nio.ByteOrder.nativeOrder());
                b.putFloat(0, Float.NaN);
                fill.add(b);
            }
        }
    }
}
