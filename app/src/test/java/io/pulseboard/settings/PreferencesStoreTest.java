package io.pulseboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.settings.Preferences.WindowBounds;
import io.pulseboard.stack.OwnerOnlyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T15:03:07Z"), ZoneOffset.UTC);

    @TempDir
    Path configDir;

    @Test
    void roundTripsEveryPreferenceInAnOwnerOnlyFile() throws Exception {
        PreferencesStore store = new PreferencesStore(configDir.resolve("pulseboard"), CLOCK);
        Preferences saved = Preferences.DEFAULTS
                .withTheme("light")
                .withZone(Optional.of(ZoneId.of("Asia/Tokyo")))
                .withWindow(new WindowBounds(40, 30, 1000, 640))
                .withLastProfile("prod")
                .withGeneratorRate(5000);

        store.save(saved);

        assertThat(new PreferencesStore(configDir.resolve("pulseboard"), CLOCK).load())
                .isEqualTo(new PreferencesStore.Loaded(saved, Optional.empty()));
        if (OwnerOnlyFiles.isPosix(store.file())) {
            assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(OwnerOnlyFiles.FILE);
        }
        try (var left = Files.list(store.file().getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("preferences.json");
        }
    }

    @Test
    void aMissingFileGivesTheDefaultsWithoutAProblem() {
        assertThat(new PreferencesStore(configDir, CLOCK).load())
                .isEqualTo(new PreferencesStore.Loaded(Preferences.DEFAULTS, Optional.empty()));
    }

    @Test
    void aCorruptFileIsReportedKeptAsideAndNotOverwritten() throws Exception {
        PreferencesStore store = new PreferencesStore(configDir, CLOCK);
        Files.writeString(store.file(), "{\"theme\": \"light\", \"zone\": ");

        PreferencesStore.Loaded loaded = store.load();
        Path kept = configDir.resolve("preferences.json.corrupt-20261201T150307Z");

        assertThat(loaded.preferences()).isEqualTo(Preferences.DEFAULTS);
        assertThat(loaded.problem().orElseThrow())
                .startsWith("The preferences file " + store.file() + " is not valid (")
                .endsWith("Pulseboard started with the defaults and kept the file as " + kept
                        + ": fix it and move it back, or delete it.");
        assertThat(Files.readString(kept, StandardCharsets.UTF_8)).isEqualTo("{\"theme\": \"light\", \"zone\": ");
        store.save(Preferences.DEFAULTS.withTheme("dark"));
        assertThat(Files.readString(kept, StandardCharsets.UTF_8)).isEqualTo("{\"theme\": \"light\", \"zone\": ");
    }

    @Test
    void anUnknownZoneIsReportedWithTheFix() throws Exception {
        PreferencesStore store = new PreferencesStore(configDir, CLOCK);
        Files.writeString(store.file(), "{\"version\":1,\"zone\":\"Mars/Olympus\"}");

        assertThat(store.load().problem().orElseThrow())
                .isEqualTo("The preferences file " + store.file() + " is not valid (zone 'Mars/Olympus' is not a"
                        + " time zone id; use e.g. 'UTC' or 'Europe/Berlin'). Pulseboard started with the defaults"
                        + " and kept the file as " + configDir.resolve("preferences.json.corrupt-20261201T150307Z")
                        + ": fix it and move it back, or delete it.");
    }
}
