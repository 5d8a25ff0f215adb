package d2l.mlp.reference;

/**
 * One of the book's numbers next to ours.
 *
 * @param quantity what is measured, e.g. "final train loss"
 * @param book the value printed by the zh 2.0.0 build (NaN when the book only gives a range)
 * @param lo lower end of the spread over the book's official builds
 * @param hi upper end of that spread
 * @param ours our value
 */
public record BookCheck(String quantity, double book, double lo, double hi, double ours) {

    /** True when our value lies in the book's spread (inclusive). */
    public boolean inside() {
        return ours >= lo && ours <= hi;
    }

    @Override
    public String toString() {
        String book = Double.isNaN(this.book) ? "book gives only its" : String.format("book %.4g,", this.book);
        return String.format(
                "%s: ours %.4g, %s spread [%.4g, %.4g] -> %s",
                quantity, ours, book, lo, hi, inside() ? "inside" : "OUTSIDE");
    }
}
