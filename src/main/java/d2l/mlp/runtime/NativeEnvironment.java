package d2l.mlp.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The C environment variables that decide how libtorch computes on a CPU, set before libtorch is loaded unless the
 * user set them: its CPU kernels pinned to AVX2, and OpenMP's threads sleeping, not spinning, while they wait.
 *
 * <p><b>AVX2 kernels.</b> libtorch picks its vectorized kernels (ATen's), its matrix products (MKL) and oneDNN's by
 * the CPU's widest instructions. AVX-512 kernels sum floats in another order than AVX2 ones, so the same seed gives
 * numbers that differ in the last digits, and after ten epochs in the third. Pinning all three to AVX2 on every
 * x86-64 CPU that has it ({@code ATEN_CPU_CAPABILITY=avx2}, {@code MKL_ENABLE_INSTRUCTIONS=AVX2},
 * {@code ONEDNN_MAX_CPU_ISA=AVX2}) makes an AVX-512 machine compute the same bits as an AVX2 one, which is what
 * {@code results/} and the golden check rest on. What it costs is in docs/performance.md. A CPU without AVX2, another
 * architecture, or a user who set any of the three runs unpinned, and the run says so once.
 *
 * <p><b>Passive wait.</b> libtorch runs its CPU ops on GNU OpenMP (libgomp), whose threads by default spin for a while
 * at the end of every parallel op. When another program takes one of a 2-core machine's cores, the spinning thread
 * keeps its core while the thread it waits for is off the CPU, and every op waits for the scheduler. Sleeping threads
 * give the core back at once; on a quiet machine waking them costs part of an epoch. Both are measured in
 * {@code results/benchmarks.md}; the numbers are the same either way. Setting {@code OMP_WAIT_POLICY} or
 * {@code GOMP_SPINCOUNT} in the shell overrides it.
 *
 * <p>libtorch, MKL, oneDNN and libgomp read these variables from the C environment, which Java cannot change; so the
 * call goes to libc's {@code setenv} through JNA (a dependency of DJL's api). {@link TorchRuntime} calls {@link
 * #apply} before it starts the engine, so the jar, the notebooks and the tests all get it.
 */
final class NativeEnvironment {

    private static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    /** The three variables of the AVX2 pin and their values. */
    static final List<String[]> AVX2_PIN = List.of(
            new String[] {"ATEN_CPU_CAPABILITY", "avx2"},
            new String[] {"MKL_ENABLE_INSTRUCTIONS", "AVX2"},
            new String[] {"ONEDNN_MAX_CPU_ISA", "AVX2"});

    /** What {@link #apply} did with the CPU kernels. */
    enum Kernels {
        /** pinned to AVX2: the numbers of results/ */
        AVX2,
        /** the user set at least one of the pin's variables to another value */
        USERS_CHOICE,
        /** this CPU cannot run the AVX2 kernels, or libc could not be reached */
        UNPINNED
    }

    private NativeEnvironment() {}

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static Kernels kernels;

    /** Sets both, once per process; returns what became of the kernels. */
    static synchronized Kernels apply() {
        if (kernels == null) {
            preferPassiveWait();
            kernels = pinKernels(System::getenv, cpuFlags(), System.getProperty("os.arch"));
            String note = note(kernels, System.getProperty("os.arch"));
            if (note != null) {
                System.err.println(note);
            }
        }
        return kernels;
    }

    /** Sets the passive wait policy unless the user set one; false where it could not (no libc through JNA). */
    private static boolean preferPassiveWait() {
        if (System.getenv(WAIT_POLICY) != null || System.getenv("GOMP_SPINCOUNT") != null) {
            return false;
        }
        return setenv(WAIT_POLICY, "PASSIVE");
    }

    /**
     * Pins the kernels to AVX2 where the CPU has AVX2, unless the user set one of the pin's variables to another
     * value (a shell that already pins to AVX2, as the PyTorch twin's scripts do, gets the rest of the pin).
     *
     * @param env the process's environment as Java sees it (the user's shell)
     * @param cpuFlags the CPU's feature flags ({@code /proc/cpuinfo}), or null where unknown
     */
    static Kernels pinKernels(UnaryOperator<String> env, String cpuFlags, String arch) {
        if (AVX2_PIN.stream()
                .anyMatch(v -> env.apply(v[0]) != null && !env.apply(v[0]).equalsIgnoreCase(v[1]))) {
            return Kernels.USERS_CHOICE;
        }
        if (!hasAvx2(cpuFlags, arch)) {
            return Kernels.UNPINNED;
        }
        for (String[] v : AVX2_PIN) {
            if (!setenv(v[0], v[1])) {
                return Kernels.UNPINNED;
            }
        }
        return Kernels.AVX2;
    }

    /** True for an x86-64 CPU whose flags list AVX2 and FMA (what ATen's AVX2 kernels need). */
    static boolean hasAvx2(String cpuFlags, String arch) {
        if (cpuFlags == null || !List.of("amd64", "x86_64").contains(arch)) {
            return false;
        }
        List<String> flags = List.of(cpuFlags.toLowerCase(Locale.ROOT).split("\\s+"));
        return flags.contains("avx2") && flags.contains("fma");
    }

    /** The one line printed for a run whose kernels are not pinned, or null when they are. */
    static String note(Kernels k, String arch) {
        return switch (k) {
            case AVX2 -> null;
            case USERS_CHOICE ->
                "note: libtorch's CPU kernels follow your ATEN_CPU_CAPABILITY / MKL_ENABLE_INSTRUCTIONS"
                        + " / ONEDNN_MAX_CPU_ISA, not the AVX2 pin: the last digits may differ from results/";
            case UNPINNED ->
                "note: libtorch's CPU kernels run unpinned here (" + arch + ", no AVX2 found, or not Linux):"
                        + " the last digits of losses and accuracies will differ from results/, made with AVX2 kernels";
        };
    }

    /** The {@code flags} line of the first CPU in {@code /proc/cpuinfo}, or null (not Linux, unreadable). */
    private static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return line.substring(line.indexOf(':') + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no flags known
        }
        return null;
    }

    private static boolean setenv(String name, String value) {
        try {
            return Native.load("c", LibC.class).setenv(name, value, 0) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // not a POSIX libc (Windows)
        }
    }

    /** A variable's value in the process's C environment (what libtorch reads), or null. */
    static String current(String name) {
        try {
            return Native.load("c", LibC.class).getenv(name);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
