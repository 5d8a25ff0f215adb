package d2l.mlp.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every number the notebooks' prose states is shown by an output of the same notebook, set in a code cell, or
 * marked as coming from elsewhere ({@link ProseNumbers}). Reads the committed notebooks only; no engine, so it runs
 * in the fast tier.
 */
class NotebookProseTest {

    @TestFactory
    Stream<DynamicTest> everyNumberOfTheProseIsShown() throws IOException {
        List<Path> notebooks = NotebooksTest.notebooks();
        assertFalse(notebooks.isEmpty());
        return notebooks.stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
                    var unshown = ProseNumbers.unshown(Files.readString(nb));
                    assertTrue(
                            unshown.isEmpty(),
                            nb.getFileName() + ": numbers of the prose that no output or code cell shows (mark one from"
                                    + " elsewhere as <!-- N: why --> or <!-- N = arithmetic -->, see docs/notebooks.md):\n"
                                    + unshown.stream().map(Object::toString).collect(Collectors.joining("\n")));
                }));
    }

    /** 4.3's notebook with a wrong number planted in its prose: the check names it. */
    @Test
    void aWrongNumberPlantedInANotebookFails() throws IOException {
        String json = Files.readString(Path.of("notebooks", "03-mlp-concise.ipynb"));
        String planted = json.replace("## Exercises", "## Exercises\\n\\nThree hidden layers reach 0.53 here.");
        assertTrue(planted.length() > json.length(), "03-mlp-concise.ipynb has no '## Exercises' heading");
        assertTrue(ProseNumbers.unshown(json).isEmpty(), "the notebook itself must pass");
        var unshown = ProseNumbers.unshown(planted);
        assertEquals(1, unshown.size(), unshown.toString());
        assertEquals("0.53", unshown.get(0).number());
    }

    private static List<ProseNumbers.Unshown> check(String markdown, Double... shown) {
        return ProseNumbers.check(1, markdown, List.of(shown));
    }

    @Test
    void aNumberIsShownByAnOutputThatRoundsToItAtItsDigits() {
        assertTrue(check("three layers reach about 0.73", 0.7290).isEmpty());
        assertTrue(check("three layers reach 0.729", 0.7290).isEmpty());
        assertEquals(1, check("three layers reach 0.53", 0.7290).size());
        assertEquals(1, check("three layers reach 0.7291", 0.7290).size());
        assertTrue(check("a test loss 14 times the training loss", 14.16).isEmpty());
        assertEquals(1, check("a test loss 15 times the training loss", 14.16).size());
        assertTrue(check("the weights ‖w‖ = 5·10⁻⁵", 5.2e-5).isEmpty());
        assertTrue(check("29 410 weights, 34,900 dollars, 25% of them", 29410.0, 34900.0, 0.25)
                .isEmpty());
        assertTrue(check("prices from −3.4 up", -3.425).isEmpty());
        assertEquals(1, check("prices from −3.4 up", 3.425).size());
    }

    @Test
    void aPowerOfTenAloneIsAnOrderOfMagnitude() {
        assertTrue(check("entries of the order of 10²²", 4.96e22).isEmpty());
        assertEquals(1, check("entries of the order of 10²²", 4.96e21).size());
        assertTrue(check("x reaches 10^9 and 1e-3", 1.0e9, 2.0e-3).isEmpty());
    }

    @Test
    void countsSectionsYearsCodeAndNamesAreNotChecked() {
        assertTrue(check("# 4.6 Dropout\n\nSection 4.4.3 and section 4.8: 5 folds, 3 seeds in 2024; `lr = 0.37`,"
                        + " W1, float32, ℓ₂")
                .isEmpty());
        // a ratio or a percentage is checked even when small
        assertEquals(1, check("twice: 2× as high").size());
        assertEquals(1, check("3% of them").size());
    }

    @Test
    void aMarkedNumberPassesAndAStaleMarkFails() {
        assertTrue(check("the book's run ends at 0.0178 <!-- 0.0178: the book's run -->")
                .isEmpty());
        assertEquals(
                2,
                check("the book's run ends at 0.0178 <!-- 0.0179: the book's run -->")
                        .size());
        assertEquals(2, check("ends at 0.0178 <!-- 0.0178: -->").size(), "a mark without its reason");
    }

    @Test
    void aDerivedNumberMustFollowFromItsArithmeticOverShownOperands() {
        assertTrue(check("14 times as large <!-- 14 = 0.3803 / 0.02686 -->", 0.3803, 0.02686)
                .isEmpty());
        var wrong = check("15 times as large <!-- 15 = 0.3803 / 0.02686 -->", 0.3803, 0.02686);
        assertEquals(1, wrong.size(), wrong.toString());
        var unshownOperand = check("14 times as large <!-- 14 = 0.3803 / 0.02686 -->", 0.3803);
        assertEquals(1, unshownOperand.size(), unshownOperand.toString());
        assertTrue(check("an error of 0.011 <!-- 0.011 = sqrt(0.8 * (1 - 0.8) / 1250) -->", 0.8, 1250.0)
                .isEmpty());
    }
}
