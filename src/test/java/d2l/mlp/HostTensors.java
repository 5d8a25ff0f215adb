package d2l.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Counts the tensors DJL makes from Java values: {@code create(float[])}, a {@code Number} operand such as
 * {@code mul(2f)} or {@code gt(0f)}, an index array. DJL's PyTorch engine copies each into a newly allocated direct
 * buffer before libtorch sees it, so the JVM's count of live direct buffers goes up by one per tensor. On a GPU each
 * such tensor is a host-to-device copy that waits for every kernel queued before it, so code that runs once per
 * batch must make none: that is what the tests check, on the CPU.
 */
public final class HostTensors {

    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct"))
            .findFirst()
            .orElseThrow();

    private HostTensors() {}

    /** Tensors made from Java values while {@code work} runs. */
    public static long madeBy(Runnable work) {
        for (int attempt = 0; attempt < 5; attempt++) {
            settle();
            long collections = collections();
            long before = DIRECT.getCount();
            work.run();
            long made = DIRECT.getCount() - before;
            if (collections() == collections) {
                return made; // no garbage collection freed buffers meanwhile, so the difference is all made
            }
        }
        fail("a garbage collection ran during each of 5 attempts; the count would be too low");
        return -1;
    }

    /**
     * Asserts that {@code train}, given a batch size, makes as many tensors from Java values with batch {@code a} as
     * with batch {@code b}: none of them is made per batch.
     */
    public static void assertSameForBatchSizes(String what, IntConsumer train, int a, int b) {
        // On a loaded machine the JVM's cleaner can free a buffer of an earlier run during a count; a tensor made per
        // batch differs on every attempt, so three attempts with a difference are needed to fail.
        long withA = 0;
        long withB = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            withA = madeBy(() -> train.accept(a));
            withB = madeBy(() -> train.accept(b));
            if (withA == withB) {
                return;
            }
        }
        assertEquals(withA, withB, what + ": host tensors with batch " + a + " and with batch " + b);
    }

    /** Collects garbage, then waits until the buffers it released are gone from the count. */
    private static void settle() {
        System.gc();
        long last = -1;
        for (int quiet = 0; quiet < 3; ) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = DIRECT.getCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }
}
