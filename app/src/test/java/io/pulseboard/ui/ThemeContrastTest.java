package io.pulseboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.PulseboardApp;
import io.pulseboard.ui.tiles.TileStyle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.paint.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Text and placeholders have a WCAG 2 contrast ratio of at least 4.5:1 (level AA for normal text)
 * against the backgrounds they are drawn on, in both themes: the app's stylesheet variables (text,
 * muted text, which placeholders use, the error text) against the window, panel and field backgrounds,
 * and the tiles' colours against the tile background.
 */
class ThemeContrastTest {

    private static final double AA = 4.5;

    @ParameterizedTest
    @EnumSource(Theme.class)
    void stylesheetTextAndPlaceholdersReachAaOnEveryBackground(Theme theme) throws IOException {
        Map<String, Color> colours = themeVariables(theme);
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String text : new String[] {"-pb-text", "-pb-muted"}) {
            for (String background : new String[] {"-fx-background", "-pb-panel", "-fx-control-inner-background"}) {
                ratios.put(text + " on " + background, contrast(colours.get(text), colours.get(background)));
            }
        }
        Color problem = theme == Theme.DARK ? Color.web("#ff8a80") : Color.web("#b3261e");
        ratios.put("problem on -pb-panel", contrast(problem, colours.get("-pb-panel")));
        ratios.put("problem on -fx-background", contrast(problem, colours.get("-fx-background")));

        assertThat(ratios)
                .allSatisfy((pair, ratio) ->
                        assertThat(ratio).as("%s in %s", pair, theme).isGreaterThanOrEqualTo(AA));
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void tileTextReachesAaOnTheTileBackground(Theme theme) {
        TileStyle.Palette palette = TileStyle.palette(theme);

        assertThat(contrast(palette.foreground(), palette.background())).isGreaterThanOrEqualTo(AA);
        assertThat(contrast(palette.muted(), palette.background())).isGreaterThanOrEqualTo(AA);
    }

    @org.junit.jupiter.api.Test
    void theRatioMatchesTheWcagExamples() {
        assertThat(contrast(Color.BLACK, Color.WHITE)).isEqualTo(21.0);
        assertThat(contrast(Color.web("#777777"), Color.WHITE))
                .isCloseTo(4.48, org.assertj.core.data.Offset.offset(0.01));
        assertThat(contrast(Color.WHITE, Color.WHITE)).isEqualTo(1.0);
    }

    /** WCAG 2.x contrast ratio: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter first. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    /** The {@code -name: #rrggbb;} lines of the theme's block in app.css. */
    private static Map<String, Color> themeVariables(Theme theme) throws IOException {
        String css;
        try (InputStream in = PulseboardApp.class.getResourceAsStream("app.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher block =
                Pattern.compile("\\." + theme.styleClass() + "\\s*\\{([^}]*)}").matcher(css);
        assertThat(block.find())
                .as("block ." + theme.styleClass() + " in app.css")
                .isTrue();
        Map<String, Color> colours = new LinkedHashMap<>();
        Matcher line =
                Pattern.compile("(-[\\w-]+)\\s*:\\s*(#[0-9a-fA-F]{6})\\s*;").matcher(block.group(1));
        while (line.find()) {
            colours.put(line.group(1), Color.web(line.group(2)));
        }
        assertThat(colours)
                .containsKeys("-pb-text", "-pb-muted", "-pb-panel", "-fx-background", "-fx-control-inner-background");
        return colours;
    }
}
