package d2l.mlp.fast;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Two settings of the running JVM that matter for training on a small CPU, made through HotSpot's diagnostic
 * commands (the ones {@code jcmd} sends) from inside the process, so that {@code java -jar} needs no flags. On a JVM
 * without them they are skipped: not HotSpot, older than 17.0.9, no {@code java.management}, or a {@code jlink}ed
 * runtime such as the GPU bundle's (there the MBean lists none of these commands).
 */
public final class JvmTuning {

    /** System property that keeps HotSpot's optimizing compiler on: {@code -Dd2l.c2=true}. */
    public static final String KEEP_C2 = "d2l.c2";

    private static volatile boolean trimAvailable = true;

    private JvmTuning() {}

    /**
     * Hands memory that training no longer uses back to the operating system; the classifier training loop calls it
     * once per epoch ({@link d2l.mlp.train.EpochLoop#releaseMemory}; a few milliseconds).
     *
     * <p>Two kinds of memory linger. Tensors DJL creates from Java values (index arrays, scalars, also inside DJL) sit
     * on direct buffers that only a garbage collection frees, and a training loop makes too little Java garbage for
     * one to happen by itself. And memory that was freed — by those buffers, by libtorch, by the JIT compiler, whose
     * arenas took some 35 MiB while the hot loop was compiled — stays in glibc's heaps, counted in the resident set,
     * until something trims them. So: a garbage collection, then {@code System.trim_native_heap} (glibc's
     * {@code malloc_trim}; HotSpot 17.0.9 and later).
     *
     * @return what the trim reported (HotSpot: the resident set before and after), or {@code null} on a JVM without
     *     the command
     */
    public static String releaseMemory() {
        System.gc();
        String trimmed = trimAvailable ? command("systemTrimNativeHeap") : null;
        trimAvailable = trimmed != null; // a JVM without the command does not get it later
        return trimmed;
    }

    /**
     * Keeps HotSpot's optimizing compiler (C2) out of this JVM; methods are compiled by the quick compiler (C1)
     * only, as with {@code -XX:TieredStopAtLevel=1}. The CLI and the benchmarks call it at start-up, unless
     * {@code -Dd2l.c2=true}.
     *
     * <p>Why: the Java side of training here is a thin layer of DJL calls over libtorch, so C2's better code buys
     * nothing measurable, while C2 compiles DJL's call paths during the first four epochs on a compiler thread that
     * competes with libtorch's two threads for a 2-core machine's cores. Measured on the concise MLP (10 epochs, 4
     * alternating runs each): 4.84–4.97 s in all against 5.77–6.17 s with C2, median epoch after warm-up 0.453–0.463
     * s against 0.479–0.524 s.
     */
    public static void skipOptimizingCompiler() {
        if (Boolean.getBoolean(KEEP_C2)) {
            return;
        }
        try {
            Path directives = Files.createTempFile("d2l-jit", ".json");
            try {
                Files.writeString(directives, "[{ match: \"*.*\", c2: { Exclude: true } }]");
                command("compilerDirectivesAdd", directives.toString());
            } finally {
                Files.deleteIfExists(directives);
            }
        } catch (IOException e) {
            // no temporary file: keep the default compilers
        }
    }

    /** Runs a diagnostic command and returns its output; {@code null} where the JVM has none by that name. */
    private static String command(String operation, String... args) {
        try {
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            Object[] params = args.length == 0 ? null : new Object[] {args};
            String[] signature = args.length == 0 ? null : new String[] {String[].class.getName()};
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(name, operation, params, signature);
            return out == null ? "" : out.toString();
        } catch (JMException | RuntimeException | LinkageError e) {
            return null; // not HotSpot, no such command, or a runtime linked without java.management
        }
    }
}
