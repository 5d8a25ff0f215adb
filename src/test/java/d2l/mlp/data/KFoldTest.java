package d2l.mlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.runtime.TorchRuntime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KFoldTest {

    private static InMemoryDataset rows(NDManager m, int n) {
        return new InMemoryDataset(m.arange(0f, 2f * n).reshape(n, 2), m.arange(0f, (float) n));
    }

    private static float[] ids(InMemoryDataset t) {
        return t.y().toFloatArray();
    }

    @Test
    void contiguousFoldsLikeTheBook() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = rows(m, 10);
            KFold.Fold first = KFold.fold(m, data, 5, 0);
            assertArrayEquals(new float[] {0, 1}, ids(first.valid()));
            assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7, 8, 9}, ids(first.train()));
            KFold.Fold middle = KFold.fold(m, data, 5, 2);
            assertArrayEquals(new float[] {4, 5}, ids(middle.valid()));
            assertArrayEquals(new float[] {0, 1, 2, 3, 6, 7, 8, 9}, ids(middle.train()));
            assertArrayEquals(new float[] {8, 9, 10, 11}, middle.valid().x().toFloatArray());
            KFold.Fold last = KFold.fold(m, data, 5, 4);
            assertArrayEquals(new float[] {8, 9}, ids(last.valid()));
            assertArrayEquals(
                    new Shape(8, 2).getShape(), last.train().x().getShape().getShape());
        }
    }

    @Test
    void theRemainderBelongsToNoFold() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = rows(m, 11); // 11 = 3·3 + 2: rows 9 and 10 are left out
            for (int i = 0; i < 3; i++) {
                KFold.Fold f = KFold.fold(m, data, 3, i);
                float[] all = new float[9];
                System.arraycopy(ids(f.valid()), 0, all, 0, 3);
                System.arraycopy(ids(f.train()), 0, all, 3, 6);
                Arrays.sort(all);
                assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, all);
            }
        }
    }

    @Test
    void badKIsAClearError() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = rows(m, 4);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> KFold.fold(m, data, 1, 0))
                    .getMessage()
                    .contains("k >= 2"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> KFold.fold(m, data, 5, 0))
                    .getMessage()
                    .contains("k <= n"));
            assertThrows(IllegalArgumentException.class, () -> KFold.fold(m, data, 2, 2));
            KFold.fold(m, data, 4, 3); // k = n is leave-one-out
        }
    }

    @Test
    void seededShuffleIsAPermutationAndRepeatable() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            InMemoryDataset data = rows(m, 50);
            float[] a = ids(KFold.shuffled(m, data, 7));
            float[] b = ids(KFold.shuffled(m, data, 7));
            assertArrayEquals(a, b);
            assertNotEquals(Arrays.toString(a), Arrays.toString(ids(data)));
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            assertArrayEquals(ids(data), sorted);
        }
    }
}
