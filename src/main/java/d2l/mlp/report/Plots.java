package d2l.mlp.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.data.InMemoryDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chapter's figures: XChart plots styled alike (lines without markers, legend below the plot, off the data, white
 * background), and the book's grid of predicted test images.
 */
public final class Plots {

    private Plots() {}

    /** The values of {@code a}, flattened, as doubles for a chart. */
    public static double[] values(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** An empty line chart; add curves with {@link #line}. */
    public static XYChart chart(String title, String xLabel, String yLabel, boolean logY) {
        XYChart chart = new XYChartBuilder()
                .width(560)
                .height(400)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        houseStyle(chart.getStyler(), true);
        // float grids such as arange(-8, 8, 0.1) put a tick at 1.2e-7 instead of 0; three decimals are enough
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisLogarithmic(logY);
        return chart;
    }

    /** What every chart shares: white background, grid lines, the legend (if shown) below the plot, in one row. */
    private static void houseStyle(AxesChartStyler s, boolean legend) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendVisible(legend);
        s.setPlotGridLinesVisible(true);
    }

    /** A named curve over a chart's shared x values. */
    public record Curve(String name, double[] y) {}

    /** A line chart of {@code curves}, in their order, over the same {@code x}. */
    public static XYChart lines(
            String title, String xLabel, String yLabel, boolean logY, double[] x, List<Curve> curves) {
        XYChart chart = chart(title, xLabel, yLabel, logY);
        curves.forEach(c -> line(chart, c.name(), x, c.y()));
        return chart;
    }

    /** Adds one curve. */
    public static XYChart line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(2f));
        return chart;
    }

    /** A single curve y(x) without legend, like the book's activation plots. */
    public static XYChart curve(String title, String xLabel, String yLabel, double[] x, double[] y) {
        XYChart chart = chart(title, xLabel, yLabel, false);
        chart.getStyler().setLegendVisible(false);
        return line(chart, yLabel, x, y);
    }

    /**
     * A bar chart: one group of bars per category, one bar per series in each group.
     *
     * @param series name → one value per category, in the order of {@code categories}
     */
    public static CategoryChart bars(
            String title, String xLabel, String yLabel, List<String> categories, Map<String, double[]> series) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(640)
                .height(400)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        houseStyle(chart.getStyler(), series.size() > 1);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 45 : 0);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            chart.addSeries(
                    e.getKey(), categories, Arrays.stream(e.getValue()).boxed().toList());
        }
        return chart;
    }

    private static final int SCALE = 3;
    private static final int CELL = 28 * SCALE;
    private static final int TEXT = 34;
    private static final int GAP = 8;

    /**
     * The book's {@code predict_ch3}: a grid of the first {@code rows·cols} test images, each with its true label
     * above the predicted one; wrong predictions in red.
     */
    public static BufferedImage predictions(UnaryOperator<NDArray> predict, InMemoryDataset test, int rows, int cols) {
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
