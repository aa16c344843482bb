package io.pulseboard.ui;

/** The two looks of the app. The scene root carries the style class; tiles take the colours. */
public enum Theme {
    DARK("theme-dark", "dark"),
    LIGHT("theme-light", "light");

    private final String styleClass;
    private final String id;

    Theme(String styleClass, String id) {
        this.styleClass = styleClass;
        this.id = id;
    }

    /** @return how the preferences name this theme: {@code dark} or {@code light} */
    public String id() {
        return id;
    }

    /**
     * @param id {@code dark} or {@code light}, as {@link #id()} gives it
     * @throws IllegalArgumentException for any other text
     */
    public static Theme fromId(String id) {
        for (Theme theme : values()) {
            if (theme.id.equals(id)) {
                return theme;
            }
        }
        throw new IllegalArgumentException("Unknown theme '" + id + "'; use 'dark' or 'light'");
    }

    public String styleClass() {
        return styleClass;
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
