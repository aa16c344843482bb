package io.pulseboard.ui.dashboard;

import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The dashboard's keyboard shortcuts: one place for the keys, the toolbar's tooltips and the help
 * overlay ({@link #HELP}). {@code Shortcut} is Ctrl, or Cmd on macOS.
 */
public enum DashboardShortcut {
    PAUSE("Pause or resume the live tiles", new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN)),
    THEME(
            "Switch between the dark and the light theme",
            new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN)),
    EXPORT_PNG("Export the dashboard as a PNG image", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN)),
    EXPORT_CSV(
            "Export the visible series as CSV",
            new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
    BUSINESS(
            "Show the business page (targets, categories, channels) or the live page again",
            new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN)),
    HISTORY("Open the stored history", new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN)),
    ALERTS("Open the alerts (acknowledge, export)", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN)),
    FULL_SCREEN("Enter or leave full screen", new KeyCodeCombination(KeyCode.F11)),
    HELP("Show or hide this list of shortcuts", new KeyCodeCombination(KeyCode.F1)),
    /** The same as {@link #HELP}, on the key most apps use for it. */
    HELP_QUESTION_MARK(
            "Show or hide this list of shortcuts", new KeyCharacterCombination("?", KeyCombination.SHIFT_ANY));

    private final String description;
    private final KeyCombination keys;

    DashboardShortcut(String description, KeyCombination keys) {
        this.description = description;
        this.keys = keys;
    }

    public String description() {
        return description;
    }

    public KeyCombination keys() {
        return keys;
    }

    /** @return the keys as the platform writes them, e.g. {@code Ctrl+P} */
    public String keyText() {
        return this == HELP_QUESTION_MARK ? "?" : keys.getDisplayText();
    }
}
