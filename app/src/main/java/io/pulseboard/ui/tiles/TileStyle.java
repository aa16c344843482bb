package io.pulseboard.ui.tiles;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.pulseboard.ui.Theme;
import javafx.scene.paint.Color;

/**
 * Creates TilesFX tiles with the dashboard's common settings and recolours them per theme. Every
 * tile is built with {@code animated(false)}: values change at the dashboard's cadence, and tile
 * animations on live data cost CPU for nothing (tilesfx#77).
 */
public final class TileStyle {

    public static final Color ACCENT = Color.web("#3ba3ff");
    public static final Color GOOD = Color.web("#2ecc71");
    public static final Color WARN = Color.web("#f5a623");
    public static final Color BAD = Color.web("#e74c3c");
    public static final Color OFF = Color.web("#8a8f98");

    /** @return {@code color} as CSS writes it, e.g. {@code #e74c3c} */
    public static String web(Color color) {
        return String.format(
                java.util.Locale.ROOT,
                "#%02x%02x%02x",
                Math.round(color.getRed() * 255),
                Math.round(color.getGreen() * 255),
                Math.round(color.getBlue() * 255));
    }

    /** @return the colour of an alert's severity (grey without one); the words beside it carry the meaning */
    public static Color severity(io.pulseboard.alert.AlertRule.Severity severity) {
        if (severity == null) {
            return OFF;
        }
        return switch (severity) {
            case CRITICAL -> BAD;
            case WARNING -> WARN;
            case INFO -> ACCENT;
        };
    }
    /** Max value of tiles that show unbounded figures (TilesFX clamps values to [min, max]). */
    public static final double UNBOUNDED = 1e15;

    private TileStyle() {}

    public static TileBuilder<?> tile(Tile.SkinType skin, String title) {
        return TileBuilder.create()
                .skinType(skin)
                .title(title)
                .animated(false)
                .prefSize(240, 200)
                .roundedCorners(true);
    }

    /**
     * A theme's tile colours; every text colour has a contrast of at least 4.5:1 (WCAG AA) against the
     * background (ThemeContrastTest checks it).
     *
     * @param foreground values
     * @param muted titles, units, texts and tick labels
     */
    public record Palette(Color background, Color foreground, Color muted) {}

    /** @return the tile colours of {@code theme} */
    public static Palette palette(Theme theme) {
        return theme == Theme.DARK
                ? new Palette(Color.web("#23262d"), Color.web("#e8eaed"), Color.web("#a9b0bb"))
                : new Palette(Color.web("#ffffff"), Color.web("#1f2328"), Color.web("#57606a"));
    }

    public static void apply(Tile tile, Theme theme) {
        boolean changed = !palette(theme).muted().equals(tile.getTickLabelColor());
        colour(tile, theme);
        if (changed && tile.getSkinType() == Tile.SkinType.SPARK_LINE) {
            // The spark line skin reads the tick label colour once, when it is made: make it again, or
            // its axis labels keep the other theme's colour (light grey on white). A new skin type presets
            // some colours of its own, so the theme's colours are set again after it.
            tile.setSkinType(Tile.SkinType.SPARK_LINE);
            colour(tile, theme);
        }
    }

    private static void colour(Tile tile, Theme theme) {
        boolean dark = theme == Theme.DARK;
        Palette palette = palette(theme);
        Color background = palette.background();
        Color foreground = palette.foreground();
        Color muted = palette.muted();
        tile.setBackgroundColor(background);
        tile.setForegroundColor(foreground);
        tile.setTitleColor(muted);
        tile.setValueColor(foreground);
        tile.setUnitColor(muted);
        tile.setTextColor(muted);
        tile.setDescriptionColor(muted);
        tile.setTickLabelColor(muted);
        tile.setBarBackgroundColor(dark ? Color.web("#343842") : Color.web("#e6e9ef"));
        tile.setChartGridColor(dark ? Color.web("#3a3f4a") : Color.web("#d8dde6"));
        tile.setBorderColor(dark ? Color.TRANSPARENT : Color.web("#d8dde6"));
    }
}
