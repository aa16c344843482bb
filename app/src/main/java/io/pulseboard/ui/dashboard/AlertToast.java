package io.pulseboard.ui.dashboard;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The in-app notification of an alert that fires while the app is open: a card at the window's top
 * right, in front of every page, for {@link #SHOWN} (or until clicked, which opens the Alerts screen).
 */
final class AlertToast {

    static final Duration SHOWN = Duration.seconds(10);

    private final Label text = new Label();
    private final Circle dot = new Circle(6);
    private final HBox card = new HBox(10, dot, text);
    private final PauseTransition hide = new PauseTransition(SHOWN);
    private AlertRow shown;

    AlertToast(Runnable open) {
        card.setId("alertToast");
        card.getStyleClass().add("alert-toast");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setPadding(new Insets(10, 14, 10, 14));
        card.setMaxSize(460, javafx.scene.layout.Region.USE_PREF_SIZE);
        text.setWrapText(true);
        text.getStyleClass().add("alert-toast-text");
        card.setVisible(false);
        card.setManaged(false);
        card.setOnMouseClicked(e -> {
            hide();
            open.run();
        });
        StackPane.setAlignment(card, Pos.TOP_RIGHT);
        StackPane.setMargin(card, new Insets(56, 12, 0, 0));
        hide.setOnFinished(e -> hide());
    }

    HBox root() {
        return card;
    }

    void show(AlertRow alert) {
        shown = alert;
        dot.setFill(io.pulseboard.ui.tiles.TileStyle.severity(alert.severity()));
        text.setText("Alert: " + alert.headline() + " (" + alert.when() + "). Click to open the alerts.");
        card.setVisible(true);
        card.setManaged(true);
        hide.playFromStart();
    }

    void hide() {
        card.setVisible(false);
        card.setManaged(false);
    }

    /** @return the alert shown last, for tests; null before the first */
    AlertRow shown() {
        return shown;
    }

    boolean isShowing() {
        return card.isVisible();
    }
}
