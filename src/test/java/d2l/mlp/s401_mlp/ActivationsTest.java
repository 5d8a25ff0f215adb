package d2l.mlp.s401_mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.mlp.runtime.DeviceChoice;
import org.junit.jupiter.api.Test;

/** The four activations and their autograd derivatives on the section's grid. */
class ActivationsTest {

    @Test
    void derivativesMatchTheirClosedForms() {
        Activations.Result r = Activations.run(Activations.defaults().withDevice(DeviceChoice.CPU));
        for (String name : new String[] {"relu", "prelu", "sigmoid", "tanh"}) {
            Activations.Curve c = r.curve(name);
            for (int i = 0; i < c.x().length; i++) {
                double x = c.x()[i];
                double s = 1 / (1 + Math.exp(-x));
                double expected = switch (name) {
                    case "relu" -> x > 0 ? 1 : 0;
                    case "prelu" -> x > 0 ? 1 : Activations.PRELU_ALPHA;
                    case "sigmoid" -> s * (1 - s);
                    default -> 1 - Math.tanh(x) * Math.tanh(x);
                };
                assertEquals(expected, c.grad()[i], 1e-5, name + "'(" + x + ")");
            }
        }
        assertEquals(0.25, r.metrics().gradients().get("sigmoid.maxGradient"));
        assertEquals(160, r.metrics().points());
        assertTrue(
                Activations.defaults().epochs() == 0 && Activations.defaults().lr() == 0, "takes no training");
    }
}
