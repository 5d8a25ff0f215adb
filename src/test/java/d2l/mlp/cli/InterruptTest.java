package d2l.mlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C and {@code kill} send) during a run: the message names the experiment, nothing is left. */
@Tag("slow")
class InterruptTest {

    @TempDir
    Path tmp;

    @Test
    void aTerminatedRunNamesTheExperimentAndLeavesNothingPartial() throws Exception {
        Path out = tmp.resolve("out");
        Path stderr = tmp.resolve("stderr.txt");
        Process cli = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dai.djl.offline=true",
                        Main.class.getName(),
                        "run",
                        "mlp-scratch",
                        "--epochs",
                        "3",
                        "--out",
                        out.toString())
                .redirectError(stderr.toFile())
                .start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("== mlp-scratch")) {
                // wait until the experiment has started
            }
            assertTrue(line != null, "the run started: " + Files.readString(stderr));
        }
        Thread.sleep(1000); // inside the experiment: loading data or training
        cli.destroy(); // SIGTERM
        assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, cli.exitValue(), "128 + SIGTERM");
        String err = Files.readString(stderr);
        assertTrue(err.contains("interrupted while running mlp-scratch"), err);
        assertFalse(Files.exists(out.resolve("mlp-scratch")));
        try (Stream<Path> left = Files.list(out)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertTrue(
                    names.stream().noneMatch(n -> n.startsWith(".staging-") || n.equals("README.md")),
                    names.toString());
        }
    }
}
