package d2l.mlp.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A plot (saved as SVG and PNG) or a raster image (saved as PNG), with the file name it is saved under.
 *
 * @param name file name without extension
 * @param chart the plot (line or bar chart), or {@code null} for an image
 * @param image the image, or {@code null} for a plot
 */
public record Figure(String name, Chart<?, ?> chart, BufferedImage image) {

    public static Figure of(String name, Chart<?, ?> chart) {
        return new Figure(name, chart, null);
    }

    public static Figure of(String name, BufferedImage image) {
        return new Figure(name, null, image);
    }

    /**
     * The named figures of {@code result} as pixels, in the order asked; all of them when no name is given. For
     * notebooks: {@code for (var image : Figure.images(result, "training")) display(image);}
     *
     * @throws IllegalArgumentException for a name the result has no figure of
     */
    public static List<BufferedImage> images(ExperimentResult result, String... names) {
        List<Figure> figures = result.figures(); // drawn on each call: once here
        if (names.length == 0) {
            return figures.stream().map(Figure::toImage).toList();
        }
        List<BufferedImage> images = new ArrayList<>();
        for (String name : names) {
            images.add(figures.stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no figure '" + name + "'; there are "
                            + figures.stream().map(Figure::name).toList()))
                    .toImage());
        }
        return images;
    }

    /** The figure as pixels, e.g. for display in a notebook. */
    public BufferedImage toImage() {
        return chart != null ? BitmapEncoder.getBufferedImage(chart) : image;
    }

    /** Writes {@code name.svg} and {@code name.png} (plots) or {@code name.png} (images) into {@code dir}. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (chart != null) {
            VectorGraphicsEncoder.saveVectorGraphic(
                    chart, dir.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        } else {
            ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
        }
    }
}
