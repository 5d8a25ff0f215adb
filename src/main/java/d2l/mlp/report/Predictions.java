package d2l.mlp.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.UnaryOperator;

/**
 * The book's {@code predict_ch3}: the first test images with their true label above the predicted one; wrong
 * predictions in red.
 */
public final class Predictions {

    private static final int SCALE = 3;
    private static final int CELL = 28 * SCALE;
    private static final int TEXT = 34;
    private static final int GAP = 8;

    private Predictions() {}

    /** A grid of the first {@code rows·cols} test images. */
    public static BufferedImage grid(UnaryOperator<NDArray> predict, InMemoryDataset test, int rows, int cols) {
        int n = rows * cols;
        float[] pixels;
        long[] truth;
        long[] predicted;
        try (NDManager m = test.x().getManager().newSubManager()) {
            NDArray x = test.x().get(m, new NDIndex().addSliceDim(0, n));
            pixels = x.toFloatArray();
            truth = test.y()
                    .get(m, new NDIndex().addSliceDim(0, n))
                    .toType(ai.djl.ndarray.types.DataType.INT64, false)
                    .toLongArray();
            predicted = predict.apply(x).argMax(1).toLongArray();
        }
        BufferedImage img = new BufferedImage(
                cols * (CELL + GAP) + GAP, rows * (CELL + TEXT + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < n; k++) {
            int x0 = GAP + (k % cols) * (CELL + GAP);
            int y0 = GAP + (k / cols) * (CELL + TEXT + GAP);
            boolean right = truth[k] == predicted[k];
            g.setColor(Color.BLACK);
            g.drawString(FashionMnist.TEXT_LABELS.get((int) truth[k]), x0, y0 + 13);
            g.setColor(right ? new Color(0, 110, 0) : Color.RED);
            g.drawString(FashionMnist.TEXT_LABELS.get((int) predicted[k]), x0, y0 + 28);
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    int v = 255 - Math.round(pixels[k * 784 + r * 28 + c] * 255);
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * SCALE, y0 + TEXT + r * SCALE, SCALE, SCALE);
                }
            }
        }
        g.dispose();
        return img;
    }
}
