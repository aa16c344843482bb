package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.dashboard.BusinessRows.Pace;
import io.pulseboard.ui.dashboard.BusinessRows.TargetProgress;
import io.pulseboard.ui.tiles.TileStyle;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * One hour's or day's revenue against its target: the amount and the percentage, a bar filled to the
 * share of the target reached with a mark where the pace expects it by now, and the span with the pace
 * in words ("behind: … expected by 13:55"), so that "behind" is read, not only seen in amber. Ids
 * {@code <id>-amount}, {@code <id>-percent}, {@code <id>-detail}.
 */
final class TargetBar {

    private final VBox root = new VBox(2);
    private final Label amount = new Label();
    private final Label percent = new Label();
    private final Label detail = new Label();
    private final Region fill = new Region();
    private final Region mark = new Region();
    private final Pane track = new Pane(fill, mark);
    private final String empty;
    private Optional<TargetProgress> shown;

    /**
     * @param id the prefix of the labels' ids
     * @param empty what it says while there is no figure (no sale in the period yet)
     */
    TargetBar(String id, String empty) {
        this.empty = empty;
        amount.setId(id + "-amount");
        percent.setId(id + "-percent");
        detail.setId(id + "-detail");
        amount.getStyleClass().add("target-amount");
        percent.getStyleClass().add("target-percent");
        detail.getStyleClass().add("target-detail");
        amount.setMinWidth(0);
        percent.setMinWidth(Region.USE_PREF_SIZE);
        detail.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, amount, spacer, percent);
        top.setAlignment(Pos.BASELINE_LEFT);
        track.getStyleClass().add("bar-track");
        track.setMinHeight(8);
        track.setPrefHeight(10);
        track.setMaxHeight(10);
        fill.setManaged(false);
        mark.setManaged(false);
        mark.getStyleClass().add("target-mark");
        track.widthProperty().addListener((obs, was, now) -> draw());
        track.heightProperty().addListener((obs, was, now) -> draw());
        detail.setWrapText(true);
        root.getChildren().addAll(top, track, detail);
        root.setMinWidth(0);
        // Equal columns: the width left over is shared, not given by the length of a text.
        root.setPrefWidth(120);
        root.setMaxHeight(Region.USE_PREF_SIZE);
        show(Optional.empty());
    }

    VBox root() {
        return root;
    }

    void show(Optional<TargetProgress> progress) {
        if (progress.equals(shown)) {
            return;
        }
        shown = progress;
        root.getStyleClass().removeIf(c -> c.startsWith("pace-"));
        if (progress.isEmpty()) {
            amount.setText(empty);
            percent.setText("");
            detail.setText("");
            root.getStyleClass().add("pace-none");
        } else {
            TargetProgress p = progress.get();
            amount.setText(p.amountText());
            percent.setText(p.percentText());
            detail.setText(p.detailText());
            root.getStyleClass()
                    .add("pace-"
                            + p.pace().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        draw();
    }

    private void draw() {
        double width = track.getWidth();
        double height = track.getHeight();
        double reached = 0;
        double expected = -1;
        Color color = TileStyle.OFF;
        if (shown != null && shown.isPresent() && shown.get().percent().isPresent()) {
            TargetProgress p = shown.get();
            reached = Math.min(1, p.percent().get() / 100);
            expected = p.expected().doubleValue() / p.target().orElseThrow().doubleValue();
            color = p.pace() == Pace.BEHIND
                    ? TileStyle.WARN
                    : p.pace() == Pace.ON_PACE ? TileStyle.GOOD : TileStyle.ACCENT;
        }
        fill.setBackground(new Background(new BackgroundFill(color, new CornerRadii(3), javafx.geometry.Insets.EMPTY)));
        fill.resizeRelocate(0, 0, width * reached, height);
        mark.setVisible(expected > 0 && expected < 1);
        mark.resizeRelocate(Math.max(0, width * Math.max(0, expected) - 1), -2, 2, height + 4);
    }

    String percentText() {
        return percent.getText();
    }

    String amountText() {
        return amount.getText();
    }

    String detailText() {
        return detail.getText();
    }
}
