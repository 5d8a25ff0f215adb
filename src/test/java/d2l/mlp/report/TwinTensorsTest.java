package d2l.mlp.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinTensorsTest {

    /** The twin's tensors: written under their names only when the property is set, and read back unchanged. */
    @Test
    void tensorsAreWrittenOnlyWhenAskedAndReadBackUnchanged(@TempDir Path dir) throws IOException {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray w = m.create(new float[] {1.5f, -2f, 3e-8f, 4e25f}, new Shape(2, 2));
            NDArray y = m.create(new long[] {3, 0, 9});
            System.clearProperty(TwinTensors.PROPERTY);
            TwinTensors.save("t.npz", () -> Map.of("W1", w, "y", y));
            assertFalse(Files.exists(dir.resolve("t.npz")));
            System.setProperty(TwinTensors.PROPERTY, dir.toString());
            try {
                TwinTensors.save("t.npz", () -> Map.of("W1", w, "y", y));
            } finally {
                System.clearProperty(TwinTensors.PROPERTY);
            }
            NDList back = NDList.decode(m, Files.readAllBytes(dir.resolve("t.npz")));
            assertEquals(2, back.size());
            NDArray w1 = back.get("W1");
            assertEquals(new Shape(2, 2), w1.getShape());
            assertArrayEquals(w.toFloatArray(), w1.toFloatArray());
            assertArrayEquals(y.toLongArray(), back.get("y").toLongArray());
        }
    }
}
