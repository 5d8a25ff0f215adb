package d2l.mlp.runtime;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The last section of every notebook: the notebook's own numbers next to the library's section class, compared one
 * quantity at a time. A disagreement throws at once, naming the quantity; when everything agrees, {@link #summary}
 * is the one line the notebook prints.
 */
public final class LibraryCheck {

    private final String library;
    private int exact;
    private long exactValues;
    private int close;
    private long closeValues;
    private double tolerance;

    private LibraryCheck(String library) {
        this.library = library;
    }

    /** A check of the notebook against the named library classes. */
    public static LibraryCheck against(String... libraryClasses) {
        return new LibraryCheck(String.join(", ", libraryClasses));
    }

    /**
     * Requires {@code notebook} and {@code library} to be equal: objects by {@code equals}, arrays of any element
     * type element by element ({@code float} and {@code double} bit for bit, as {@link java.util.Arrays#equals}).
     *
     * @throws IllegalStateException naming {@code what} when they differ
     */
    public LibraryCheck same(String what, Object notebook, Object library) {
        if (!Objects.deepEquals(notebook, library)) {
            throw new IllegalStateException(
                    "notebook and library disagree: " + what + " (" + difference(notebook, library) + ")");
        }
        exact++;
        exactValues += count(notebook);
        return this;
    }

    /**
     * Requires every value of {@code notebook} to be within a relative {@code tolerance} of {@code library}'s (relative
     * to at least 1e-3, so values near zero are compared absolutely).
     *
     * @throws IllegalStateException naming {@code what} when one is further off
     */
    public LibraryCheck close(String what, float[] notebook, float[] library, double tolerance) {
        double worst = notebook.length == library.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(notebook.length, library.length); i++) {
            worst = Math.max(worst, Math.abs(notebook[i] - library[i]) / Math.max(1e-3, Math.abs(library[i])));
        }
        if (!(worst <= tolerance)) {
            throw new IllegalStateException(String.format(
                    Locale.ROOT,
                    "notebook and library disagree: %s (largest relative difference %.1e, tolerance %.0e)",
                    what,
                    worst,
                    tolerance));
        }
        close++;
        closeValues += notebook.length;
        this.tolerance = Math.max(this.tolerance, tolerance);
        return this;
    }

    /**
     * The notebook's last line, e.g. {@code Library check: the notebook agrees with Backprop bit for bit (5
     * comparisons, 205,825 values)}.
     */
    public String summary() {
        if (exact + close == 0) {
            throw new IllegalStateException("the library check compared nothing");
        }
        String line = String.format(
                Locale.ROOT,
                "Library check: the notebook agrees with %s bit for bit (%s)",
                library,
                counts(exact, exactValues));
        if (close > 0) {
            line = String.format(
                    Locale.ROOT,
                    "Library check: the notebook agrees with %s bit for bit on the data (%s) and within a relative %.0e on"
                            + " the trained models (%s)",
                    library,
                    counts(exact, exactValues),
                    tolerance,
                    counts(close, closeValues));
        }
        return line;
    }

    private static String counts(int comparisons, long values) {
        return String.format(
                Locale.ROOT,
                "%d comparison%s, %,d value%s",
                comparisons,
                comparisons == 1 ? "" : "s",
                values,
                values == 1 ? "" : "s");
    }

    private static long count(Object o) {
        if (o != null && o.getClass().isArray()) {
            return Array.getLength(o);
        }
        return o instanceof Collection<?> c ? c.size() : 1;
    }

    private static String difference(Object notebook, Object library) {
        if (notebook != null
                && library != null
                && notebook.getClass().isArray()
                && notebook.getClass() == library.getClass()) {
            int n = Array.getLength(notebook);
            if (n != Array.getLength(library)) {
                return n + " values against " + Array.getLength(library);
            }
            List<Integer> differ = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!Objects.deepEquals(Array.get(notebook, i), Array.get(library, i))) {
                    differ.add(i);
                }
            }
            return differ.size() + " of " + n + " values differ, the first at index " + differ.get(0);
        }
        return "notebook " + notebook + ", library " + library;
    }
}
