package d2l.mlp.core;

import java.util.List;
import java.util.Map;

/** What an experiment returns: its numbers, the book's numbers next to ours, and its figures. */
public interface Result {

    /** Values written to {@code metrics.json}: numbers, strings, lists and maps of them. */
    Map<String, Object> metrics();

    /** The book's published numbers for this experiment, each with ours; none unless overridden. */
    default List<BookCheck> checks() {
        return List.of();
    }

    /** Plots and images, by file name without extension; none unless overridden. */
    default List<Figure> figures() {
        return List.of();
    }
}
