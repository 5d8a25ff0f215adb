package d2l.mlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochLoopTest {

    /** Records what the loop tells a listener. */
    private static final class Recorder implements EpochLoop.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void epochStarted(EpochLoop loop, int epoch) {
            events.add("start " + epoch);
        }

        @Override
        public void batchStarted() {
            events.add("batch");
        }

        @Override
        public void batchDone() {
            events.add("done");
        }

        @Override
        public void epochEnded(EpochLoop loop, EpochLoop.EpochEnd end) {
            events.add("end " + end.epoch() + " " + end.measured().loss());
        }
    }

    @Test
    void anEpochsSecondsAreTheTimeItTook() {
        long[] sleep = {0, 1000, 100}; // ms, by epoch
        List<EpochLoop.EpochEnd> ends = new EpochLoop("run", 2).run((epoch, batches) -> {
            try {
                Thread.sleep(sleep[epoch]);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return EpochLoop.Measured.loss(1);
        });
        assertTrue(ends.get(0).seconds() >= 1.0, "slept 1 s: " + ends.get(0).seconds());
        assertTrue(ends.get(1).seconds() >= 0.1, "slept 0.1 s: " + ends.get(1).seconds());
        assertTrue(
                ends.get(1).seconds() < 1.0,
                "its own epoch, not the run so far: " + ends.get(1).seconds());
    }

    @Test
    void listenersHearEveryEpochAndBatchInOrder() {
        Recorder r = new Recorder();
        List<EpochLoop.EpochEnd> ends = new EpochLoop("run", 2).listen(r).run((epoch, batches) -> {
            for (int b = 0; b < 2; b++) {
                batches.started();
                batches.done();
            }
            return EpochLoop.Measured.of(1.0 / epoch, Map.of("acc", 0.5));
        });
        assertEquals(
                List.of(
                        "start 1",
                        "batch",
                        "done",
                        "batch",
                        "done",
                        "end 1 1.0",
                        "start 2",
                        "batch",
                        "done",
                        "batch",
                        "done",
                        "end 2 0.5"),
                r.events);
        assertEquals(2, ends.size());
        assertEquals(0.5, ends.get(1).measured().values().get("acc"));
    }

    @Test
    void aNonFiniteLossStopsAtThatEpochNamingRunAndEpoch() {
        Recorder r = new Recorder();
        int[] ran = {0};
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new EpochLoop("weight-decay-scratch, lambda 3", 10)
                        .listen(r)
                        .run((epoch, batches) -> {
                            ran[0] = epoch;
                            return EpochLoop.Measured.loss(epoch == 3 ? Double.POSITIVE_INFINITY : 1);
                        }));
        assertEquals(3, ran[0], "no epoch after the diverged one");
        assertTrue(
                e.getMessage().startsWith("weight-decay-scratch, lambda 3: training loss became Infinity in epoch 3."),
                e.getMessage());
        assertEquals("start 3", r.events.get(r.events.size() - 1), "later listeners do not see the diverged epoch end");
    }

    @Test
    void theDivergedModelIsNamedAndEpochsThatReadNothingAreNotChecked() {
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new EpochLoop("model-selection", 5)
                        .run((epoch, batches) -> epoch < 4
                                ? EpochLoop.Measured.NOTHING
                                : new EpochLoop.Measured(Double.NaN, Map.of(), "degree 5, fold 2")));
        assertTrue(
                e.getMessage().startsWith("model-selection (degree 5, fold 2): training loss became NaN in epoch 4"),
                e.getMessage());
    }
}
