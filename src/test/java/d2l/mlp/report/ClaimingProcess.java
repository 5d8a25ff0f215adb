package d2l.mlp.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM for {@link OutputDirectoryTest}: {@code claim DIR} claims DIR and exits 0, or prints the error and
 * exits 3; {@code write DIR NAME} claims DIR and then writes many files into NAME's staging folder, printing
 * "writing" once it has started, until it is killed.
 */
public final class ClaimingProcess {

    private ClaimingProcess() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try (OutputDirectory out = OutputDirectory.claim(dir)) {
            if (args[0].equals("write")) {
                try (var running = out.running(args[2])) {
                    out.replace(args[2], folder -> {
                        for (int i = 0; i < 100_000; i++) {
                            Files.writeString(folder.resolve("part-" + i + ".txt"), "new " + i);
                            if (i == 20) {
                                System.out.println("writing");
                                System.out.flush();
                            }
                            pause();
                        }
                    });
                }
            }
        } catch (IOException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    /** Starts this class in a new JVM with the test class path, its stderr going to {@code stderr}. */
    static Process start(Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ClaimingProcess.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
    }
}
