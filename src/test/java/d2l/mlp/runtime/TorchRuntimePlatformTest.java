package d2l.mlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which libtorch the build bundles, and the one line a user on another platform reads. */
class TorchRuntimePlatformTest {

    @Test
    void javaNamesMapToDjlPlatforms() {
        assertEquals("linux-x86_64", TorchRuntime.platform("Linux", "amd64"));
        assertEquals("linux-aarch64", TorchRuntime.platform("Linux", "aarch64"));
        assertEquals("osx-aarch64", TorchRuntime.platform("Mac OS X", "aarch64"));
        assertEquals("osx-x86_64", TorchRuntime.platform("Mac OS X", "x86_64"));
        assertEquals("win-x86_64", TorchRuntime.platform("Windows 11", "amd64"));
        assertEquals("win-aarch64", TorchRuntime.platform("Windows 11", "arm64"));
    }

    @Test
    void theBuildBundlesLibtorchForThisMachine() {
        // the pom's profile follows the build machine, and the tests run where the build ran
        assertEquals(
                TorchRuntime.platform(System.getProperty("os.name"), System.getProperty("os.arch")),
                TorchRuntime.bundledPlatform());
    }

    @Test
    void aSupportedPlatformIsToldToRebuildAnOtherOneToUseItsOwnPyTorch() {
        String mac = TorchRuntime.wrongPlatform("linux-x86_64", "osx-aarch64");
        assertTrue(mac.contains("osx-aarch64") && mac.contains("mvn -DskipTests package"), mac);
        String intelMac = TorchRuntime.wrongPlatform("linux-x86_64", "osx-x86_64");
        assertTrue(intelMac.contains("no libtorch is bundled for osx-x86_64") && intelMac.contains("-Dgpu"), intelMac);
        assertFalse(mac.contains("\n") || intelMac.contains("\n"));
    }
}
