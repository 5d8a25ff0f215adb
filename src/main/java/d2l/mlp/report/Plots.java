package d2l.mlp.report;

import ai.djl.ndarray.NDArray;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The chapter's plots, styled alike: lines without markers, legend below the plot (off the data), white background. */
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
}
