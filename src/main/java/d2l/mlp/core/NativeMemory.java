package d2l.mlp.core;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Hands memory that training no longer uses back to the operating system, once per epoch.
 *
 * <p>Two kinds of memory linger. Tensors DJL creates from Java values (index arrays, scalars, also inside DJL) sit on
 * direct buffers that only a garbage collection frees, and a training loop makes too little Java garbage for one to
 * happen by itself. And memory that was freed — by those buffers, by libtorch, by the JIT compiler, whose C2 arenas
 * take some 35 MiB while the hot loop is compiled in the second or third epoch — stays in glibc's heaps, counted in
 * the resident set, until something trims them. So: a garbage collection, then HotSpot's
 * {@code System.trim_native_heap} diagnostic command (glibc {@code malloc_trim}; JDK 17.0.9 and later), reached
 * through the platform MBean server. Where the command does not exist the trim is skipped.
 */
public final class NativeMemory {

    private static final String TRIM = "systemTrimNativeHeap";
    private static volatile boolean trimAvailable = true;

    private NativeMemory() {}

    /** A garbage collection, then a trim of the native heap. Takes a few milliseconds. */
    public static void release() {
        System.gc();
        if (!trimAvailable) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), TRIM, null, null);
        } catch (JMException | RuntimeException e) {
            trimAvailable = false; // not HotSpot, or a JDK without the command: the GC alone still runs
        }
    }
}
