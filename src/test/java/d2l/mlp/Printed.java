package d2l.mlp;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** What code prints on standard output, for tests of the training log. */
public final class Printed {

    private Printed() {}

    /** Runs {@code work} with standard output captured, and returns what it printed. */
    public static String by(Runnable work) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            work.run();
        } finally {
            System.setOut(stdout);
        }
        return printed.toString();
    }
}
