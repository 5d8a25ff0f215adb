package d2l.mlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryCheckTest {

    @Test
    void agreementIsSummedUpInOneLine() {
        var check = LibraryCheck.against("A", "B")
                .same("curve", new float[] {1f, 2f, 3f}, new float[] {1f, 2f, 3f})
                .same("loss", 0.5, 0.5)
                .same("history", List.of(1, 2), List.of(1, 2));
        assertEquals(
                "Library check: the notebook agrees with A, B bit for bit (3 comparisons, 6 values)", check.summary());
    }

    @Test
    void theSmallestDifferenceThrowsAndNamesTheQuantity() {
        float a = 0.1f;
        float b = Math.nextUp(a);
        var e = assertThrows(
                IllegalStateException.class,
                () -> LibraryCheck.against("A").same("weights", new float[] {1f, a}, new float[] {1f, b}));
        assertTrue(
                e.getMessage().startsWith("notebook and library disagree: weights (1 of 2 values differ"),
                e.getMessage());
        assertThrows(
                IllegalStateException.class, () -> LibraryCheck.against("A").same("loss", 0.0, -0.0));
    }

    @Test
    void toleranceComparisonsAreReportedApart() {
        var check = LibraryCheck.against("A")
                .same("data", new int[] {1, 2}, new int[] {1, 2})
                .close("fit", new float[] {1f, 2f}, new float[] {1.00001f, 2f}, 1e-4);
        assertEquals(
                "Library check: the notebook agrees with A bit for bit on the data (1 comparison, 2 values) and within a"
                        + " relative 1e-04 on the trained models (1 comparison, 2 values)",
                check.summary());
        assertThrows(
                IllegalStateException.class,
                () -> LibraryCheck.against("A").close("fit", new float[] {1f}, new float[] {1.01f}, 1e-4));
        assertThrows(
                IllegalStateException.class, () -> LibraryCheck.against("A").summary());
    }
}
