package d2l.mlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The golden check as tests: rerun experiments with the configuration of their committed {@code results/} and
 * expect every number to be identical. That holds on any x86-64 machine with AVX2, since libtorch's kernels are
 * pinned to AVX2 ({@code runtime.NativeEnvironment}); after an engine upgrade, see docs/golden.md.
 */
class GoldenTest {

    /** The two experiments that train seven 20-epoch networks: minutes each, left to the golden tier. */
    private static final List<String> LONG = List.of("mlp-best-sweep", "mlp-best");

    @Test
    @Tag("slow") // every experiment but the two long ones: about three minutes on two cores
    void everyQuickExperimentIsReproducedExactly() throws IOException {
        List<String> names = committed().stream().filter(n -> !LONG.contains(n)).toList();
        assertEquals(Main.names().size() - LONG.size(), names.size(), "every quick experiment has results");
        assertIdentical(names);
    }

    @Test
    @Tag("golden") // as long as running every experiment: mvn test -Dgroups=golden -Dtest.excludedGroups=
    void everyCommittedResultIsReproducedExactly() throws IOException {
        List<String> names = committed();
        assertTrue(names.size() > 10, "committed results found: " + names);
        assertIdentical(names);
    }

    private static List<String> committed() {
        Path results = Path.of("results");
        return Main.names().stream()
                .filter(n -> Files.exists(results.resolve(n).resolve("metrics.json")))
                .toList();
    }

    private static void assertIdentical(List<String> names) throws IOException {
        for (GoldenCheck.Comparison o : GoldenCheck.check(names, Path.of("results"))) {
            assertEquals(List.of(), o.drifts(), o.experiment() + " drifted");
        }
    }
}
