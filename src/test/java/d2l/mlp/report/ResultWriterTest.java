package d2l.mlp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metrics.json keys come out in an order that does not change between runs. */
class ResultWriterTest {

    @Test
    void unorderedMapsAreSortedOrderedOnesKept() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("zeta", Map.of("b", 2, "c", 3, "a", 1));
        ordered.put("alpha", List.of(Map.of("y", 1, "x", 2)));
        Object stable = ResultWriter.stable(ordered);
        assertEquals("{zeta={a=1, b=2, c=3}, alpha=[{x=2, y=1}]}", stable.toString());
    }
}
