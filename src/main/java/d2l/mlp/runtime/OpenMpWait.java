package d2l.mlp.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Makes libtorch's OpenMP threads sleep, not spin, when they wait for each other, unless the user chose a wait
 * policy: sets {@code OMP_WAIT_POLICY=PASSIVE} in the process's C environment before libtorch is loaded.
 *
 * <p>Why: libtorch runs its CPU ops on GNU OpenMP (libgomp), whose threads by default spin for a while at the end of
 * every parallel op. When another program takes one of a 2-core machine's cores, the spinning thread keeps its core
 * while the thread it waits for is off the CPU, and every op waits for the scheduler: a concise-MLP epoch went from
 * 0.4 s to 1–40 s. Sleeping threads give the core back at once. Every number stays the same (the wait policy changes
 * who waits how, not what is computed); on a quiet machine waking the sleeping thread at each parallel op costs some
 * of the epoch's time, which spinning would not. Both are measured in {@code results/benchmarks.md}.
 *
 * <p>libgomp reads the variable once, when it is loaded, from the C environment, which Java cannot change; so the
 * call goes to libc's {@code setenv} through JNA (a dependency of DJL's api). {@link TorchRuntime} calls it before it
 * starts the engine, so the jar, the notebooks and the tests all get it. Setting {@code OMP_WAIT_POLICY} or
 * {@code GOMP_SPINCOUNT} in the shell overrides it.
 */
final class OpenMpWait {

    private static final String POLICY = "OMP_WAIT_POLICY";

    private OpenMpWait() {}

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** Sets the passive wait policy unless the user set one; false where it could not (no libc through JNA). */
    static boolean preferPassive() {
        if (System.getenv(POLICY) != null || System.getenv("GOMP_SPINCOUNT") != null) {
            return false;
        }
        try {
            return Native.load("c", LibC.class).setenv(POLICY, "PASSIVE", 0) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // not a POSIX libc (Windows): the default policy stays
        }
    }

    /** The policy in the process's C environment (what libgomp reads), or null. */
    static String current() {
        try {
            return Native.load("c", LibC.class).getenv(POLICY);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
