package io.pulseboard.settings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the desktop app remembers between starts; every field is optional, and an absent one means the
 * app's default. Immutable; validated on construction.
 *
 * @param theme {@code "dark"} or {@code "light"}; empty for the default (dark)
 * @param zone the time zone every time is shown in, a {@link ZoneId} id such as {@code Asia/Tokyo} or
 *     {@code UTC}; empty for the system's zone
 * @param window where the window was, in screen coordinates; empty to let the app place it
 * @param lastProfile the name of the connection profile used last; empty if none
 * @param generatorRate the local demo generator's rate in events per second; positive; empty for the
 *     configured rate
 */
public record Preferences(
        Optional<String> theme,
        Optional<String> zone,
        Optional<WindowBounds> window,
        Optional<String> lastProfile,
        Optional<Integer> generatorRate) {

    /** Nothing remembered: every default. */
    public static final Preferences DEFAULTS =
            new Preferences(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * A window's place and size in screen coordinates.
     *
     * @param width positive
     * @param height positive
     */
    public record WindowBounds(double x, double y, double width, double height) {
        public WindowBounds {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("window x and y must be finite numbers, were " + x + ", " + y);
            }
            if (!(width > 0) || !(height > 0) || !Double.isFinite(width) || !Double.isFinite(height)) {
                throw new IllegalArgumentException(
                        "window width and height must be positive, were " + width + " x " + height);
            }
        }
    }

    public Preferences {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lastProfile, "lastProfile");
        Objects.requireNonNull(generatorRate, "generatorRate");
        theme.ifPresent(t -> {
            if (!t.equals("dark") && !t.equals("light")) {
                throw new IllegalArgumentException("theme must be 'dark' or 'light', was '" + t + "'");
            }
        });
        zone.ifPresent(z -> {
            try {
                ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "zone '" + z + "' is not a time zone id; use e.g. 'UTC' or 'Europe/Berlin'", e);
            }
        });
        lastProfile.ifPresent(p -> {
            if (p.isBlank()) {
                throw new IllegalArgumentException("lastProfile must not be blank");
            }
        });
        generatorRate.ifPresent(r -> {
            if (r <= 0) {
                throw new IllegalArgumentException("generatorRate must be positive, was " + r);
            }
        });
    }

    /** @return the zone as a {@link ZoneId}; empty for the system's zone */
    public Optional<ZoneId> zoneId() {
        return zone.map(ZoneId::of);
    }

    public Preferences withTheme(String newTheme) {
        return new Preferences(Optional.of(newTheme), zone, window, lastProfile, generatorRate);
    }

    /** @param newZone the zone; empty for the system's zone */
    public Preferences withZone(Optional<ZoneId> newZone) {
        return new Preferences(theme, newZone.map(ZoneId::getId), window, lastProfile, generatorRate);
    }

    public Preferences withWindow(WindowBounds newWindow) {
        return new Preferences(theme, zone, Optional.of(newWindow), lastProfile, generatorRate);
    }

    public Preferences withLastProfile(String name) {
        return new Preferences(theme, zone, window, Optional.of(name), generatorRate);
    }

    public Preferences withGeneratorRate(int eventsPerSecond) {
        return new Preferences(theme, zone, window, lastProfile, Optional.of(eventsPerSecond));
    }
}
