package d2l.mlp.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The C2 switch really installs (and, with -Dd2l.c2=true, skips) a compiler directive; the memory release runs. */
class JvmTuningTest {

    private static String dcmd(String operation) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, null, null);
    }

    private static long excludingDirectives() throws Exception {
        return dcmd("compilerDirectivesPrint")
                .lines()
                .filter(l -> l.contains("Enable:true Exclude:true"))
                .count();
    }

    @Test
    void skipOptimizingCompilerAddsOneDirectiveUnlessAskedToKeepC2() throws Exception {
        long before = excludingDirectives();
        System.setProperty(JvmTuning.KEEP_C2, "true");
        try {
            JvmTuning.skipOptimizingCompiler();
            assertEquals(before, excludingDirectives(), "-Dd2l.c2=true must leave the compilers alone");
        } finally {
            System.clearProperty(JvmTuning.KEEP_C2);
        }
        JvmTuning.skipOptimizingCompiler();
        try {
            String printed = dcmd("compilerDirectivesPrint");
            assertEquals(before + 1, excludingDirectives(), printed);
            assertTrue(printed.contains("matching: *.*"), printed);
        } finally {
            dcmd("compilerDirectivesRemove"); // the rest of the test JVM keeps C2
        }
        assertEquals(before, excludingDirectives());
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    @Test
    void releaseMemoryCollectsGarbageAndTrims() throws Exception {
        WeakReference<Object> garbage = new WeakReference<>(new byte[1 << 20]);
        long before = collections();
        JvmTuning.releaseMemory();
        assertTrue(collections() > before, "a garbage collection ran");
        assertNull(garbage.get(), "unreachable objects are gone");
        assertFalse(dcmd("systemTrimNativeHeap").isBlank(), "HotSpot 17.0.9+ has System.trim_native_heap");
        String trimmed = JvmTuning.releaseMemory();
        assertTrue(trimmed != null && trimmed.contains("RSS"), "releaseMemory trimmed the native heap: " + trimmed);
    }
}
