package io.pulseboard.ui;

/** The two looks of the app. The scene root carries the style class; tiles take the colours. */
public enum Theme {
    DARK("theme-dark"),
    LIGHT("theme-light");

    private final String styleClass;

    Theme(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
