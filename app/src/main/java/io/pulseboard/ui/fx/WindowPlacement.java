package io.pulseboard.ui.fx;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: the saved place clamped onto the screen it overlaps most (smaller than
 * that screen's visible area, wholly inside it), or, with nothing saved or no screen overlapping it,
 * the default size centred on the primary screen. Pure: takes the screens' visible bounds, so it is
 * tested without a toolkit.
 */
public final class WindowPlacement {

    /** The largest default size; smaller screens get their visible area less {@link #MARGIN}. */
    public static final double DEFAULT_WIDTH = 1440;

    public static final double DEFAULT_HEIGHT = 900;

    /** Room left around a default-sized window on a small screen. */
    static final double MARGIN = 24;

    /** Below this the window cannot show the dashboard's grid; a smaller screen gets all it has. */
    static final double MIN_WIDTH = 800;

    static final double MIN_HEIGHT = 500;

    private WindowPlacement() {}

    /**
     * @param saved the window's last place, if any
     * @param primary the primary screen's visible bounds
     * @param screens the visible bounds of every screen (the primary among them)
     * @return the place to open the window at, inside one screen's visible bounds
     */
    public static Rectangle2D place(Optional<Rectangle2D> saved, Rectangle2D primary, List<Rectangle2D> screens) {
        Optional<Rectangle2D> onScreen = saved.flatMap(s -> screens.stream()
                .filter(screen -> overlap(screen, s) > 0)
                .max(Comparator.comparingDouble(screen -> overlap(screen, s)))
                .map(screen -> clamp(s, screen)));
        return onScreen.orElseGet(() -> defaultPlace(primary));
    }

    /** The default size, fitting the screen (at 1280x720: 1232 x 672), centred. */
    public static Rectangle2D defaultPlace(Rectangle2D screen) {
        double width = Math.min(DEFAULT_WIDTH, screen.getWidth() - 2 * MARGIN);
        double height = Math.min(DEFAULT_HEIGHT, screen.getHeight() - 2 * MARGIN);
        width = Math.max(width, Math.min(MIN_WIDTH, screen.getWidth()));
        height = Math.max(height, Math.min(MIN_HEIGHT, screen.getHeight()));
        return new Rectangle2D(
                screen.getMinX() + (screen.getWidth() - width) / 2,
                screen.getMinY() + (screen.getHeight() - height) / 2,
                width,
                height);
    }

    private static Rectangle2D clamp(Rectangle2D window, Rectangle2D screen) {
        double width = Math.min(window.getWidth(), screen.getWidth());
        double height = Math.min(window.getHeight(), screen.getHeight());
        double x = Math.max(screen.getMinX(), Math.min(window.getMinX(), screen.getMaxX() - width));
        double y = Math.max(screen.getMinY(), Math.min(window.getMinY(), screen.getMaxY() - height));
        return new Rectangle2D(x, y, width, height);
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }
}
