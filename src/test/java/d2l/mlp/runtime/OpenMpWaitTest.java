package d2l.mlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Once the engine is up, the C environment libgomp read holds the passive wait policy, or the user's own choice. */
class OpenMpWaitTest {

    @Test
    void engineStartsWithPassiveWaitUnlessTheUserChose() {
        TorchRuntime.engine();
        String users = System.getenv("OMP_WAIT_POLICY");
        String expected = users != null || System.getenv("GOMP_SPINCOUNT") != null ? users : "PASSIVE";
        assertEquals(expected, OpenMpWait.current(), "OMP_WAIT_POLICY in the C environment");
    }
}
