package d2l.mlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.Chapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The golden tier: reruns every experiment that has committed results and expects every number to be identical
 * (same engine, libtorch and CPU as the committed run). Takes as long as {@code all}; the default run leaves the
 * tag out: {@code mvn test -Dgroups=golden -Dtest.excludedGroups=}. After an engine upgrade, see docs/golden.md.
 */
@Tag("golden")
class GoldenTest {

    @Test
    void everyCommittedResultIsReproducedExactly() throws IOException {
        Path results = Path.of("results");
        List<String> names = Chapter.names().stream()
                .filter(n -> Files.exists(results.resolve(n).resolve("metrics.json")))
                .toList();
        assertTrue(names.size() > 10, "committed results found: " + names);
        for (GoldenCheck.Comparison o : GoldenCheck.check(names, results)) {
            assertEquals(List.of(), o.drifts(), o.experiment() + " drifted");
        }
    }
}
