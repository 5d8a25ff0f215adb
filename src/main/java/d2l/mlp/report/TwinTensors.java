package d2l.mlp.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's tensors for the PyTorch twin (scripts/pytorch/), which recomputes from the same inputs: written as NumPy
 * {@code .npz} archives to the directory the system property {@value #PROPERTY} names. They are megabytes, so a plain
 * run (the property unset) writes nothing.
 */
public final class TwinTensors {

    /** The system property naming the directory the tensors are written to. */
    public static final String PROPERTY = "d2l.tensors";

    private TwinTensors() {}

    /** Writes {@code arrays}, each under its name ({@link #named}), to {@code file}; nothing when unset. */
    public static void save(String file, NDArray... arrays) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(Path.of(dir, file))) {
            new NDList(arrays).encode(out, NDList.Encoding.NPZ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code a} under {@code name}, for {@link #save}. */
    public static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
