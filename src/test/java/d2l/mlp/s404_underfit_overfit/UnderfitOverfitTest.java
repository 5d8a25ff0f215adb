package d2l.mlp.s404_underfit_overfit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import d2l.mlp.runtime.RunConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnderfitOverfitTest {

    @Test
    void metricsRecordTheEpochsEachFitTrained() {
        UnderfitOverfit.Result result = UnderfitOverfit.run(RunConfig.of(8, 0.01, 10));
        Map<String, UnderfitOverfit.FitMetrics> fits = result.metrics().fits();
        assertEquals(8, fits.get("degree 3").epochsTrained());
        assertEquals(8, fits.get("degree 1").epochsTrained());
        assertEquals(30, fits.get("degree 19 (all 20 features)").epochsTrained(), "15/4 of the run's epochs");
    }
}
