package io.pulseboard.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** A live tile with its freshness badge at the top right: the text says the level, the style class colours it. */
final class FreshnessBadge {

    private FreshnessBadge() {}

    /** {@code tile} with a badge (id {@code <name>Freshness}) that follows {@code freshness}. */
    static StackPane on(Tile tile, ReadOnlyObjectProperty<Freshness> freshness, String name) {
        Label badge = new Label();
        badge.setId(name + "Freshness");
        badge.getStyleClass().add("freshness");
        badge.setMouseTransparent(true);
        show(badge, freshness.get());
        freshness.addListener((obs, old, now) -> show(badge, now));
        StackPane box = new StackPane(tile, badge);
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        StackPane.setMargin(badge, new Insets(6, 8, 0, 0));
        box.setMinSize(120, 120);
        box.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        return box;
    }

    private static void show(Label badge, Freshness freshness) {
        badge.setText(freshness.text());
        badge.getStyleClass().removeIf(c -> c.startsWith("freshness-"));
        badge.getStyleClass().add("freshness-" + freshness.level().name().toLowerCase(Locale.ROOT));
    }
}
