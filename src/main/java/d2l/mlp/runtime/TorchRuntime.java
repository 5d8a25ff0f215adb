package d2l.mlp.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The one place that touches DJL's engine set-up: offline mode, OpenMP's wait policy ({@link OpenMpWait}), device
 * choice, random seed.
 *
 * <p>DJL probes the network at engine start unless {@code ai.djl.offline} (or {@code DJL_OFFLINE}) says
 * otherwise. The CPU build ships libtorch inside the {@code pytorch-native-cpu} jar, so we default to offline;
 * a GPU user who wants DJL to download a CUDA libtorch runs with {@code -Dai.djl.offline=false}.
 */
public final class TorchRuntime {

    static {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        OpenMpWait.preferPassive(); // before libtorch loads: libgomp reads it then
    }

    private TorchRuntime() {}

    /** The PyTorch engine, started offline unless the user asked otherwise. */
    public static Engine engine() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException e) {
            throw new EngineException(
                    "DJL could not start its PyTorch engine: " + e.getMessage() + ". The default "
                            + "build ships libtorch in the pytorch-native-cpu jar; a 'mvn -Dgpu' build needs DJL_OFFLINE=false "
                            + "(DJL downloads libtorch) or PYTORCH_LIBRARY_PATH (an existing PyTorch), see docs/gpu.md.",
                    e);
        }
    }

    /** A new root manager on {@code device}. */
    public static NDManager newManager(Device device) {
        return NDManager.newBaseManager(device, engine().getEngineName());
    }

    /**
     * Resolves {@code auto|cpu|gpu} (or {@code gpu0}, {@code gpu1}, …) to a DJL device.
     *
     * @throws IllegalArgumentException for an unknown name, or {@code gpu} when DJL sees no GPU
     */
    public static Device device(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase();
        int gpus = engine().getGpuCount();
        switch (s) {
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu":
                return Device.cpu();
            default:
                if (!s.matches("gpu\\d*")) {
                    throw new IllegalArgumentException("--device must be auto, cpu or gpu[N], got '" + spec + "'");
                }
                int id = s.length() == 3 ? 0 : Integer.parseInt(s.substring(3));
                if (id >= gpus) {
                    throw new IllegalArgumentException("--device " + spec + ": DJL's PyTorch engine sees "
                            + gpus + " GPU(s) (libtorch flavor " + engine().getVersion() + "). "
                            + "The default build ships CPU-only libtorch; build with 'mvn -Dgpu package' "
                            + "and see docs/gpu.md, or run with --device cpu.");
                }
                return Device.gpu(id);
        }
    }

    /**
     * A 0-d tensor holding {@code v}, with {@code like}'s type, device and manager, made by libtorch ({@code full})
     * on the device. The project uses it instead of a {@code Number} operand ({@code mul(2f)}, {@code gt(0f)}) in
     * code that runs per batch, for two reasons:
     * <ul>
     *   <li>DJL's PyTorch engine turns a {@code Number} into a tensor over a Java direct buffer and drops its
     *   reference right after the op, while autograd may keep that tensor for the backward pass; a garbage
     *   collection in between frees the buffer and the gradients read freed memory (NaN or huge values, at
     *   random);</li>
     *   <li>on a GPU that tensor is copied from the host, and the copy waits until every kernel queued before it has
     *   run: one such operand per batch makes the host wait for the GPU at every step. {@code HostTensors} in the
     *   tests counts such tensors.</li>
     * </ul>
     */
    public static NDArray scalar(NDArray like, float v) {
        return like.getManager().full(new Shape(), v, like.getDataType());
    }

    /** Seeds libtorch's generator and DJL's own {@code RandomUtils}. */
    public static void seed(long seed) {
        engine().setRandomSeed((int) seed);
    }

    /** Restores what {@link #singleThreaded} changed. */
    public interface ThreadScope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs libtorch's CPU ops on one thread until the scope is closed. For tiny models (a few hundred parameters,
     * batches of 64) the ops are so short that waking a second thread costs more than it saves: the house-price
     * linear model trains about 10× faster single-threaded on a busy 2-core machine. No effect on a GPU.
     */
    public static ThreadScope singleThreaded(Device device) {
        engine();
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return () -> {};
        }
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        return () -> ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
    }
}
