package d2l.mlp.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The one place that touches DJL's engine set-up: offline mode, libtorch's CPU kernels and OpenMP's wait
 * policy ({@link NativeEnvironment}), device
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
        NativeEnvironment.apply(); // before libtorch loads: it reads these variables then
    }

    private TorchRuntime() {}

    /** The platforms whose libtorch a build can bundle (the pom's profiles). */
    static final List<String> BUNDLED_PLATFORMS = List.of("linux-x86_64", "linux-aarch64", "osx-aarch64", "win-x86_64");

    /** The PyTorch engine, started offline unless the user asked otherwise. */
    public static Engine engine() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException | UnsatisfiedLinkError e) {
            String bundled = bundledPlatform();
            String here = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
            if (bundled != null && !bundled.equals(here)) {
                throw new EngineException(wrongPlatform(bundled, here), e);
            }
            throw new EngineException(
                    "DJL could not start its PyTorch engine: " + e.getMessage() + ". The default "
                            + "build ships libtorch in the pytorch-native-cpu jar; a 'mvn -Dgpu' build needs DJL_OFFLINE=false "
                            + "(DJL downloads libtorch) or PYTORCH_LIBRARY_PATH (an existing PyTorch), see docs/gpu.md.",
                    e);
        }
    }

    /** DJL's name for a platform ("osx-aarch64"), from Java's os.name and os.arch. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system =
                os.startsWith("mac") ? "osx" : os.startsWith("win") ? "win" : os.startsWith("linux") ? "linux" : os;
        String arch = osArch.equals("amd64") ? "x86_64" : osArch.equals("arm64") ? "aarch64" : osArch;
        return system + "-" + arch;
    }

    /** The one line a user reads when the jar's libtorch is for another platform than this machine's. */
    static String wrongPlatform(String bundled, String here) {
        if (BUNDLED_PLATFORMS.contains(here)) {
            return "this build bundles libtorch for " + bundled + ", not for this " + here + " machine: build the jar"
                    + " on this machine (mvn -DskipTests package picks the " + here + " profile)";
        }
        return "no libtorch is bundled for " + here + " (only for " + String.join(", ", BUNDLED_PLATFORMS)
                + "): build with 'mvn -Dgpu -DskipTests package' and point PYTORCH_LIBRARY_PATH at a PyTorch "
                + "installed on this machine (docs/gpu.md)";
    }

    /** The platform of the libtorch on the class path (from DJL's native jar), or null when none is bundled. */
    static String bundledPlatform() {
        try (InputStream in =
                TorchRuntime.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("classifier");
        } catch (IOException e) {
            return null;
        }
    }

    /** A new root manager on {@code device}. */
    public static NDManager newManager(Device device) {
        return NDManager.newBaseManager(device, engine().getEngineName());
    }

    /**
     * Resolves {@code choice} to a DJL device.
     *
     * @throws IllegalArgumentException for {@code gpu} when DJL sees no such GPU
     */
    public static Device device(DeviceChoice choice) {
        String s = choice.name();
        int gpus = engine().getGpuCount();
        if (s.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int id = s.length() == 3 ? 0 : Integer.parseInt(s.substring(3));
        if (id >= gpus) {
            throw new IllegalArgumentException("--device " + s + ": DJL's PyTorch engine sees "
                    + gpus + " GPU(s) (libtorch flavor " + engine().getVersion() + "). "
                    + "The default build ships CPU-only libtorch; build with 'mvn -Dgpu package' "
                    + "and see docs/gpu.md, or run with --device cpu.");
        }
        return Device.gpu(id);
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

    /** The largest seed: libtorch's CPU generator (a Mersenne Twister) keeps the low 32 bits of a seed. */
    public static final long MAX_SEED = (1L << 32) - 1;

    /**
     * Seeds libtorch's generator and DJL's own {@code RandomUtils}.
     *
     * @throws IllegalArgumentException for a seed outside 0 … {@link #MAX_SEED}: libtorch would run it as another
     *     seed's twin (2³²+1 as 1)
     */
    public static void seed(long seed) {
        checkSeed(seed);
        engine().setRandomSeed((int) seed); // DJL takes an int; libtorch reads its 32 bits back unsigned
    }

    /** Throws unless {@code seed} is one libtorch tells apart from every other: 0 … {@link #MAX_SEED}. */
    public static void checkSeed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("--seed must be between 0 and " + MAX_SEED
                    + " (libtorch's CPU generator keeps 32 bits), got " + seed);
        }
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
