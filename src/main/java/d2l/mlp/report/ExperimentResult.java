package d2l.mlp.report;

import d2l.mlp.reference.BookCheck;
import java.util.List;
import java.util.Map;

/** What an experiment returns: its numbers, the book's numbers next to ours, and its figures. */
public interface ExperimentResult {

    /**
     * What {@code metrics.json} holds under {@code metrics}: a record whose components are the keys, in their order
     * (see {@link ResultWriter}); its values are numbers, strings, arrays, lists, records, and maps where the keys are
     * data (a degree, a λ).
     */
    Record metrics();

    /** The book's published numbers for this experiment, each with ours; none unless overridden. */
    default List<BookCheck> checks() {
        return List.of();
    }

    /** Other files to write beside metrics.json, by file name: their text. None unless overridden. */
    default Map<String, String> files() {
        return Map.of();
    }

    /**
     * Plots and images, by file name without extension; none unless overridden. The first is the one
     * results/README.md shows inline.
     */
    default List<Figure> figures() {
        return List.of();
    }
}
