package d2l.mlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import d2l.mlp.runtime.RunConfig.Setting;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    @Test
    void theSettingsTakenAreTheOnesDeclared() {
        assertEquals(EnumSet.allOf(Setting.class), RunConfig.of(10, 0.1, 256).settings());
        assertEquals(Set.of(), RunConfig.none().settings());
        RunConfig batchOnly = RunConfig.none().withBatchSize(256);
        assertEquals(Set.of(Setting.BATCH_SIZE), batchOnly.settings());
        assertEquals(
                batchOnly,
                batchOnly.withSeed(7).withDevice(DeviceChoice.CPU).withSeed(1).withDevice(DeviceChoice.AUTO));
        RunConfig.Recorded recorded = batchOnly.recorded();
        assertEquals(256, recorded.batchSize());
        assertEquals(null, recorded.epochs());
        assertEquals(null, recorded.lr());
    }

    @Test
    void aDeclaredSettingMustHoldAUsableValue() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RunConfig(0, 0.1, 256, 1, DeviceChoice.AUTO, null, Set.of(Setting.EPOCHS, Setting.LR)));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.none().withLr(0));
    }
}
