package d2l.mlp.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's tensors for the PyTorch twin (scripts/pytorch/), which recomputes from the same inputs: written as NumPy
 * {@code .npz} archives to the directory the system property {@value #PROPERTY} names. They are megabytes, so a plain
 * run (the property unset) writes nothing.
 */
public final class TwinTensors {

    /** The system property naming the directory the tensors are written to. */
    public static final String PROPERTY = "d2l.tensors";

    private TwinTensors() {}

    /**
     * Writes the arrays {@code named} gives, each under its name, to {@code file}; when the property is unset, nothing
     * is written and {@code named} is not called, so a plain run builds none of them.
     */
    public static void save(String file, Supplier<Map<String, NDArray>> named) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null) {
            return;
        }
        NDList arrays = new NDList();
        named.get().forEach((name, a) -> {
            a.setName(name);
            arrays.add(a);
        });
        try (OutputStream out = Files.newOutputStream(Path.of(dir, file))) {
            arrays.encode(out, NDList.Encoding.NPZ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
