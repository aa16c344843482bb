package io.pulseboard.ui.icon;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Pulseboard's icon, drawn in code at any size so that no image file is kept in the sources: a
 * rounded square in a deep blue to teal gradient, rising bar-chart columns in a lighter tint, and a
 * bold white pulse trace (flat, spike, dip, flat) ending in a dot. Below {@value #SMALL} px the
 * drawing is simplified to stay legible: fewer bars, a thicker trace on whole pixels, no dot.
 *
 * <p>{@link #paint} is plain Java2D and runs without a JavaFX toolkit; {@link #fxImage} and {@link
 * #windowIcons} need one (a started FX application).
 */
public final class AppIcon {

    /** The smallest size {@link #paint} draws, in pixels. */
    public static final int MIN_SIZE = 16;

    /** The largest size {@link #paint} draws, in pixels (macOS's largest icon entry). */
    public static final int MAX_SIZE = 1024;

    /** Below this size (px) the drawing is simplified. */
    static final int SMALL = 32;

    /** The sizes of the window icons, in pixels; the window system picks the nearest. */
    static final List<Integer> WINDOW_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private static final Color TOP = new Color(0x1B3A8C);
    private static final Color BOTTOM = new Color(0x0E9C94);
    private static final Color BAR = new Color(255, 255, 255, 62);
    private static final Color SHADOW = new Color(6, 22, 60, 80);

    /** The transparent margin around the rounded square, as a share of the size. */
    private static final double MARGIN = 0.06;

    /** The corner radius of the rounded square, as a share of the size. */
    private static final double CORNER = 0.22;

    /** The pulse trace's points, as shares of the tile (x from the left, y from the top). */
    private static final double[][] PULSE = {
        {0.17, 0.60}, {0.36, 0.60}, {0.46, 0.25}, {0.57, 0.77}, {0.64, 0.60}, {0.80, 0.60}
    };

    /** The small sizes' trace: wider spike and dip, so its two slopes don't merge into one column. */
    private static final double[][] SMALL_PULSE = {
        {0.08, 0.58}, {0.30, 0.58}, {0.46, 0.18}, {0.64, 0.84}, {0.76, 0.58}, {0.92, 0.58}
    };

    /** The bars' left edges and tops, as shares of the tile; they stand on {@link #BAR_FOOT}. */
    private static final double[][] BARS = {{0.17, 0.66}, {0.33, 0.53}, {0.49, 0.42}, {0.65, 0.30}};

    /** Three wider bars from 24 px to {@link #SMALL}; none below 24 px, where they would be noise. */
    private static final double[][] SMALL_BARS = {{0.14, 0.62}, {0.42, 0.44}, {0.70, 0.26}};

    private static final double BAR_WIDTH = 0.12;
    private static final double SMALL_BAR_WIDTH = 0.16;
    private static final double BAR_FOOT = 0.84;

    private AppIcon() {}

    /**
     * Draws the icon.
     *
     * @param size width and height in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @return a new {@code size} x {@code size} {@link BufferedImage#TYPE_INT_ARGB} image
     *     (not premultiplied), transparent around the rounded square
     * @throws IllegalArgumentException if {@code size} is out of range
     */
    public static BufferedImage paint(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "Icon size " + size + " px is out of range: use " + MIN_SIZE + " to " + MAX_SIZE + " px");
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            new Painter(g, size).paint();
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The icon as a JavaFX image, copied pixel by pixel from {@link #paint}. Needs the JavaFX toolkit.
     *
     * @param size width and height in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     */
    public static Image fxImage(int size) {
        BufferedImage image = paint(size);
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        WritableImage fx = new WritableImage(size, size);
        fx.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), argb, 0, size);
        return fx;
    }

    /** The stage's icons, one per size of {@link #WINDOW_SIZES}. Needs the JavaFX toolkit. */
    public static List<Image> windowIcons() {
        return WINDOW_SIZES.stream().map(AppIcon::fxImage).toList();
    }

    /** One drawing at one size; coordinates in pixels. */
    private static final class Painter {

        private final Graphics2D g;
        private final int size;
        private final boolean small;
        private final double inset;
        private final double tile;

        Painter(Graphics2D g, int size) {
            this.g = g;
            this.size = size;
            this.small = size < SMALL;
            // Whole pixels for the margin, so the tile's straight edges are crisp at every size.
            this.inset = Math.max(1, Math.round(size * MARGIN));
            this.tile = size - 2 * inset;
        }

        void paint() {
            Shape body = new RoundRectangle2D.Double(inset, inset, tile, tile, 2 * CORNER * size, 2 * CORNER * size);
            g.setPaint(new GradientPaint(0, (float) inset, TOP, 0, (float) (inset + tile), BOTTOM));
            g.fill(body);
            g.clip(body);
            paintBars();
            paintPulse();
        }

        private void paintBars() {
            if (size < 24) {
                return;
            }
            g.setColor(BAR);
            double[][] bars = small ? SMALL_BARS : BARS;
            double width = small ? Math.round(SMALL_BAR_WIDTH * tile) : BAR_WIDTH * tile;
            double foot = small ? Math.round(y(BAR_FOOT)) : y(BAR_FOOT);
            double radius = small ? 0 : width * 0.35;
            for (double[] share : bars) {
                double left = small ? Math.round(x(share[0])) : x(share[0]);
                double top = small ? Math.round(y(share[1])) : y(share[1]);
                // Rounded at the top only: the shape runs on past the foot, where the clip squares it off.
                Shape was = g.getClip();
                g.clip(new Rectangle2D.Double(left, top, width, foot - top));
                g.fill(new RoundRectangle2D.Double(left, top, width, foot - top + radius, 2 * radius, 2 * radius));
                g.setClip(was);
            }
        }

        private void paintPulse() {
            double stroke = small ? Math.max(2, Math.round(tile * 0.10)) : tile * 0.075;
            Path2D trace = new Path2D.Double();
            double[][] points = small ? SMALL_PULSE : PULSE;
            for (int i = 0; i < points.length; i++) {
                double px = x(points[i][0]);
                double py = y(points[i][1]);
                if (small) {
                    // On the pixel grid: an even stroke centred on a pixel edge, an odd one on a centre.
                    px = onGrid(px, stroke);
                    py = onGrid(py, stroke);
                }
                if (i == 0) {
                    trace.moveTo(px, py);
                } else {
                    trace.lineTo(px, py);
                }
            }
            BasicStroke pen = new BasicStroke(
                    (float) stroke,
                    small ? BasicStroke.CAP_BUTT : BasicStroke.CAP_ROUND,
                    // Small: mitred corners, but bevelled at the spike and dip, whose mitres would reach the edge.
                    small ? BasicStroke.JOIN_MITER : BasicStroke.JOIN_ROUND,
                    2f);
            if (!small) {
                g.setColor(SHADOW);
                g.translate(0, stroke * 0.35);
                g.setStroke(pen);
                g.draw(trace);
                g.fill(dot(stroke));
                g.translate(0, -stroke * 0.35);
            }
            g.setColor(Color.WHITE);
            g.setStroke(pen);
            g.draw(trace);
            if (!small) {
                g.fill(dot(stroke));
            }
        }

        private Shape dot(double stroke) {
            double[] end = PULSE[PULSE.length - 1];
            double r = stroke * 1.05;
            return new Ellipse2D.Double(x(end[0]) - r, y(end[1]) - r, 2 * r, 2 * r);
        }

        private double x(double share) {
            return inset + share * tile;
        }

        private double y(double share) {
            return inset + share * tile;
        }

        private static double onGrid(double v, double stroke) {
            return ((long) stroke % 2 == 0) ? Math.round(v) : Math.floor(v) + 0.5;
        }
    }
}
