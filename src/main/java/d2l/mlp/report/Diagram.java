package d2l.mlp.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computational graph drawn as the book draws one: variables in squares, operators in circles, arrows in the
 * direction of the forward pass. Nodes sit on a grid of columns and rows.
 */
public final class Diagram {

    private static final int CELL_W = 92;
    private static final int CELL_H = 78;
    private static final int HALF = 24;

    private record Node(String label, boolean operator, int col, int row) {}

    private final String title;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    public Diagram(String title) {
        this.title = title;
    }

    /** A variable (square) named {@code label} at column {@code col}, row {@code row}. */
    public Diagram variable(String label, int col, int row) {
        return add(new Node(label, false, col, row));
    }

    /** An operator (circle); {@code id} names it for {@link #edge}, {@code label} is drawn. */
    public Diagram operator(String id, String label, int col, int row) {
        nodes.put(id, new Node(label, true, col, row));
        return this;
    }

    /** An arrow from the node {@code from} to the node {@code to}. */
    public Diagram edge(String from, String to) {
        if (!nodes.containsKey(from) || !nodes.containsKey(to)) {
            throw new IllegalArgumentException("no node " + (nodes.containsKey(from) ? to : from));
        }
        edges.add(new String[] {from, to});
        return this;
    }

    private Diagram add(Node n) {
        nodes.put(n.label(), n);
        return this;
    }

    public BufferedImage toImage() {
        int cols = nodes.values().stream().mapToInt(Node::col).max().orElse(0) + 1;
        int rows = nodes.values().stream().mapToInt(Node::row).max().orElse(0) + 1;
        int top = 40;
        BufferedImage image = new BufferedImage(cols * CELL_W, top + rows * CELL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (image.getWidth() - fm.stringWidth(title)) / 2, 26);
        g.setStroke(new BasicStroke(1.6f));
        for (String[] e : edges) {
            arrow(g, nodes.get(e[0]), nodes.get(e[1]), top);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        fm = g.getFontMetrics();
        for (Node n : nodes.values()) {
            double x = center(n.col(), CELL_W);
            double y = top + center(n.row(), CELL_H);
            var shape = n.operator()
                    ? new Ellipse2D.Double(x - HALF, y - HALF, 2 * HALF, 2 * HALF)
                    : new Rectangle2D.Double(x - HALF, y - HALF, 2 * HALF, 2 * HALF);
            g.setColor(n.operator() ? new Color(0xE8F0FE) : new Color(0xFFF4D6));
            g.fill(shape);
            g.setColor(Color.BLACK);
            g.draw(shape);
            g.drawString(n.label(), (float) (x - fm.stringWidth(n.label()) / 2.0), (float)
                    (y + (fm.getAscent() - fm.getDescent()) / 2.0));
        }
        g.dispose();
        return image;
    }

    private static double center(int index, int size) {
        return index * size + size / 2.0;
    }

    /** A line between the two nodes' borders, with a head at {@code to}. */
    private static void arrow(Graphics2D g, Node from, Node to, int top) {
        double x0 = center(from.col(), CELL_W);
        double y0 = top + center(from.row(), CELL_H);
        double x1 = center(to.col(), CELL_W);
        double y1 = top + center(to.row(), CELL_H);
        double len = Math.hypot(x1 - x0, y1 - y0);
        double ux = (x1 - x0) / len;
        double uy = (y1 - y0) / len;
        double s0 = border(from, ux, uy);
        double s1 = border(to, ux, uy) + 2;
        double ax = x1 - ux * s1;
        double ay = y1 - uy * s1;
        g.draw(new Line2D.Double(x0 + ux * s0, y0 + uy * s0, ax - ux * 6, ay - uy * 6));
        Path2D head = new Path2D.Double();
        head.moveTo(ax, ay);
        head.lineTo(ax - ux * 10 - uy * 5, ay - uy * 10 + ux * 5);
        head.lineTo(ax - ux * 10 + uy * 5, ay - uy * 10 - ux * 5);
        head.closePath();
        g.fill(head);
    }

    /** Distance from a node's center to its border along the unit direction (ux, uy). */
    private static double border(Node n, double ux, double uy) {
        if (n.operator()) {
            return HALF;
        }
        return Math.min(
                Math.abs(ux) < 1e-9 ? Double.MAX_VALUE : HALF / Math.abs(ux),
                Math.abs(uy) < 1e-9 ? Double.MAX_VALUE : HALF / Math.abs(uy));
    }
}
