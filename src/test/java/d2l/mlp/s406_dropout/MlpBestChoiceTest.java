package d2l.mlp.s406_dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.mlp.s406_dropout.BestMlpNetwork.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mlp-best trains a configuration written in its code; this checks it is the one the recorded validation sweep
 * (results/mlp-best-sweep/metrics.json) chose, and that the sweep's choice is its best validation accuracy.
 */
class MlpBestChoiceTest {

    private static Candidate candidate(JsonObject o) {
        List<Integer> hidden = new ArrayList<>();
        o.getAsJsonArray("hidden").forEach(h -> hidden.add(h.getAsInt()));
        return new Candidate(hidden, o.get("dropout").getAsDouble());
    }

    @Test
    void hardCodedChoiceIsTheRecordedSweepsBestValidationAccuracy() throws Exception {
        Path metrics = Path.of("results/mlp-best-sweep/metrics.json");
        assertTrue(Files.exists(metrics), metrics + " is missing: run 'run mlp-best-sweep --out results'");
        JsonObject json = JsonParser.parseString(Files.readString(metrics)).getAsJsonObject();
        JsonObject m = json.getAsJsonObject("metrics");
        Candidate best = null;
        double bestAcc = -1;
        for (JsonElement e : m.getAsJsonArray("sweep")) {
            JsonObject row = e.getAsJsonObject();
            if (row.get("valAcc").getAsDouble() > bestAcc) {
                bestAcc = row.get("valAcc").getAsDouble();
                best = candidate(row);
            }
        }
        assertEquals(MlpBestSweep.GRID.size(), m.getAsJsonArray("sweep").size());
        assertEquals(best, candidate(m.getAsJsonObject("chosen")));
        assertEquals(MlpBest.CHOSEN, best);
        assertEquals(
                MlpBest.defaults().epochs(),
                json.getAsJsonObject("config").get("epochs").getAsInt(),
                "the sweep ran another number of epochs than mlp-best trains");
    }
}
