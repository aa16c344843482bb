package io.pulseboard.ui.dashboard;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The help overlay: every {@link DashboardShortcut}, over a dimmed dashboard; a click or Esc closes it. */
final class ShortcutHelp {

    private final StackPane root = new StackPane();

    ShortcutHelp() {
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("shortcut-help-title");
        GridPane list = new GridPane();
        list.setId("shortcutList");
        list.setHgap(24);
        list.setVgap(8);
        int row = 0;
        for (DashboardShortcut shortcut : DashboardShortcut.values()) {
            if (shortcut == DashboardShortcut.HELP_QUESTION_MARK) {
                continue;
            }
            String keys = shortcut == DashboardShortcut.HELP
                    ? shortcut.keyText() + "  or  " + DashboardShortcut.HELP_QUESTION_MARK.keyText()
                    : shortcut.keyText();
            Label key = new Label(keys);
            key.getStyleClass().add("shortcut-key");
            list.addRow(row++, key, new Label(shortcut.description()));
        }
        Button close = new Button("Close");
        close.setId("closeShortcutHelp");
        close.setOnAction(e -> hide());
        VBox card = new VBox(14, title, list, close);
        card.setId("shortcutHelp");
        card.getStyleClass().add("shortcut-help");
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        card.setOnMouseClicked(e -> e.consume());
        root.getChildren().add(card);
        root.getStyleClass().add("shortcut-scrim");
        StackPane.setAlignment(card, Pos.CENTER);
        root.setOnMouseClicked(e -> hide());
        hide();
    }

    StackPane root() {
        return root;
    }

    boolean showing() {
        return root.isVisible();
    }

    void toggle() {
        if (showing()) {
            hide();
        } else {
            root.setVisible(true);
        }
    }

    void hide() {
        root.setVisible(false);
    }
}
