package d2l.mlp.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Seeds and device choices. */
class TorchRuntimeTest {

    private static float[] drawAfterSeed(long seed) {
        TorchRuntime.seed(seed);
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            return m.randomUniform(0f, 1f, new Shape(8)).toFloatArray();
        }
    }

    @Test
    void aSeedLibtorchWouldRunAsAnotherSeedsTwinIsRefused() {
        assertArrayEquals(drawAfterSeed(1), drawAfterSeed(1), "the same seed, the same draws");
        assertFalse(Arrays.equals(drawAfterSeed(1), drawAfterSeed(TorchRuntime.MAX_SEED)), "other seeds differ");
        for (long twin : new long[] {(1L << 32) + 1, -1}) {
            assertThrows(IllegalArgumentException.class, () -> TorchRuntime.seed(twin));
            assertThrows(IllegalArgumentException.class, () -> RunConfig.none().withSeed(twin));
        }
    }

    @Test
    void deviceChoicesAreCheckedWhenMade() {
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse(" CPU "));
        assertEquals("gpu1", DeviceChoice.parse("gpu1").toString());
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
        assertEquals(Device.cpu(), DeviceChoice.CPU.resolve());
    }
}
