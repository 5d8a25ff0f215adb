package d2l.mlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.runtime.NativeEnvironment.Kernels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What libtorch reads from the C environment once the engine is up: the AVX2 pin and the passive wait. */
class NativeEnvironmentTest {

    private static final String AVX2_CPU = "fpu sse sse2 avx fma avx2 avx512f";

    @Test
    void engineStartsWithPassiveWaitUnlessTheUserChose() {
        TorchRuntime.engine();
        String users = System.getenv("OMP_WAIT_POLICY");
        String expected = users != null || System.getenv("GOMP_SPINCOUNT") != null ? users : "PASSIVE";
        assertEquals(expected, NativeEnvironment.current("OMP_WAIT_POLICY"), "OMP_WAIT_POLICY in the C environment");
    }

    @Test
    void engineStartsWithTheKernelsPinnedWhereTheCpuHasAvx2() {
        TorchRuntime.engine();
        Kernels k = NativeEnvironment.apply();
        for (String[] v : NativeEnvironment.AVX2_PIN) {
            String users = System.getenv(v[0]);
            if (k == Kernels.AVX2) {
                assertEquals(v[1], NativeEnvironment.current(v[0]), v[0]);
            } else if (k == Kernels.USERS_CHOICE && users != null) {
                assertEquals(users, NativeEnvironment.current(v[0]), v[0] + " is the user's");
            }
        }
        boolean usersOwn = NativeEnvironment.AVX2_PIN.stream()
                .anyMatch(
                        v -> System.getenv(v[0]) != null && !System.getenv(v[0]).equalsIgnoreCase(v[1]));
        if (System.getProperty("os.arch").equals("amd64") && !usersOwn) {
            assertEquals(Kernels.AVX2, k, "an x86-64 test machine has AVX2");
        }
    }

    @Test
    void anyVariableTheUserSetLeavesAllThreeAlone() {
        for (String[] v : NativeEnvironment.AVX2_PIN) {
            Map<String, String> env = Map.of(v[0], "default");
            assertEquals(Kernels.USERS_CHOICE, NativeEnvironment.pinKernels(env::get, AVX2_CPU, "amd64"), v[0]);
        }
    }

    @Test
    void aShellThatAlreadyPinsToAvx2IsNoChoiceOfItsOwn() {
        Map<String, String> env = Map.of("ATEN_CPU_CAPABILITY", "AVX2", "MKL_ENABLE_INSTRUCTIONS", "AVX2");
        assertEquals(Kernels.AVX2, NativeEnvironment.pinKernels(env::get, AVX2_CPU, "amd64"));
    }

    @Test
    void onlyAnX8664CpuWithAvx2AndFmaIsPinned() {
        assertTrue(NativeEnvironment.hasAvx2(AVX2_CPU, "amd64"));
        assertTrue(NativeEnvironment.hasAvx2("FMA AVX2", "x86_64"));
        assertFalse(NativeEnvironment.hasAvx2("fpu sse sse2 avx", "amd64"), "AVX but no AVX2");
        assertFalse(NativeEnvironment.hasAvx2("avx2", "amd64"), "AVX2 without FMA");
        assertFalse(NativeEnvironment.hasAvx2("avx512_vnni", "amd64"), "a flag that only contains the letters");
        assertFalse(NativeEnvironment.hasAvx2(AVX2_CPU, "aarch64"));
        assertFalse(NativeEnvironment.hasAvx2(null, "amd64"), "flags unknown (not Linux)");
        Map<String, String> none = Map.of();
        assertEquals(Kernels.UNPINNED, NativeEnvironment.pinKernels(none::get, "neon asimd", "aarch64"));
    }

    @Test
    void anUnpinnedRunSaysSoOnceAndAPinnedOneSaysNothing() {
        assertNull(NativeEnvironment.note(Kernels.AVX2, "amd64"));
        assertNotNull(NativeEnvironment.note(Kernels.UNPINNED, "aarch64"));
        assertTrue(NativeEnvironment.note(Kernels.UNPINNED, "aarch64").contains("results/"));
        assertTrue(NativeEnvironment.note(Kernels.USERS_CHOICE, "amd64").contains("ATEN_CPU_CAPABILITY"));
    }
}
