package d2l.mlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.runtime.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Minibatches: the rows of the permutation, in its order, shaped like the data, and nothing left behind. */
class InMemoryDatasetTest {

    @Test
    void shuffledBatchesAreThePermutationsRowsLikeAdvancedIndexing() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            int n = 10;
            NDArray x = m.arange(n * 6f).reshape(n, 2, 3);
            NDArray labels = m.arange(0, n, 1, DataType.INT64);
            // float64 and 2-D, like the house prices' targets
            NDArray column = m.arange((float) n).toType(DataType.FLOAT64, false).reshape(n, 1);
            long[] order = InMemoryDataset.permutation(n, new Random(7));
            List<Shape> shapes = new ArrayList<>();
            int[] start = {0};
            for (NDArray y : new NDArray[] {labels, column}) {
                start[0] = 0;
                new InMemoryDataset(x, y).forEachBatch(4, new Random(7), (bx, by) -> {
                    int b = (int) bx.getShape().get(0);
                    long[] rows = java.util.Arrays.copyOfRange(order, start[0], start[0] + b);
                    NDIndex pick = new NDIndex("{}", bx.getManager().create(rows));
                    assertEquals(x.get(pick), bx, "features of rows " + java.util.Arrays.toString(rows));
                    assertEquals(y.get(pick), by, "labels of rows " + java.util.Arrays.toString(rows));
                    assertEquals(y.getDataType(), by.getDataType());
                    shapes.add(bx.getShape());
                    shapes.add(by.getShape());
                    start[0] += b;
                });
                assertEquals(n, start[0], "every example once");
            }
            assertEquals(
                    List.of(
                            new Shape(4, 2, 3),
                            new Shape(4),
                            new Shape(4, 2, 3),
                            new Shape(4),
                            new Shape(2, 2, 3),
                            new Shape(2),
                            new Shape(4, 2, 3),
                            new Shape(4, 1),
                            new Shape(4, 2, 3),
                            new Shape(4, 1),
                            new Shape(2, 2, 3),
                            new Shape(2, 1)),
                    shapes);
            assertArrayEquals(new long[] {2, 3}, x.getShape().slice(1).getShape(), "the data's shape untouched");
        }
    }

    @Test
    void unshuffledBatchesAreSlicesInOrderAndLeaveNoArrays() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.arange(20f).reshape(10, 2);
            NDArray y = m.arange(0, 10, 1, DataType.INT64);
            int before = m.getManagedArrays().size();
            List<Long> firsts = new ArrayList<>();
            new InMemoryDataset(x, y).forEachBatch(3, null, (bx, by) -> firsts.add(by.getLong(0)));
            new InMemoryDataset(x, y).forEachBatch(3, new Random(1), (bx, by) -> assertTrue(bx.getManager() != m));
            assertEquals(List.of(0L, 3L, 6L, 9L), firsts);
            assertEquals(before, m.getManagedArrays().size(), "batch arrays left on the data's manager");
        }
    }

    @Test
    void aBatchLargerThanTheDataSetIsOneBatchOfEveryRow() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            NDArray x = m.arange(20f).reshape(10, 2);
            NDArray y = m.arange(0, 10, 1, DataType.INT64);
            for (Random shuffle : new Random[] {null, new Random(3)}) {
                List<Long> sizes = new ArrayList<>();
                new InMemoryDataset(x, y).forEachBatch(1000, shuffle, (bx, by) -> {
                    sizes.add(bx.getShape().get(0));
                    assertEquals(45L, by.sum().getLong(), "every label once");
                });
                assertEquals(List.of(10L), sizes);
            }
        }
    }
}
