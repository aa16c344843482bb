package io.pulseboard.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's {@link Preferences}, as JSON in {@code <configDir>/preferences.json}:
 *
 * <pre>{"version":1,"theme":"light","zone":"Asia/Tokyo","window":{"x":40,"y":30,"width":1200,
 * "height":680},"lastProfile":"prod","generatorRate":5000}</pre>
 *
 * <p>Writes replace the file atomically (an owner-only temporary file, then a move), as {@link
 * ProfileStore} does. A file that cannot be parsed is never overwritten: {@link #load()} moves it
 * aside to {@code preferences.json.corrupt-<UTC time>}, and says so in {@link Loaded#problem()}, so
 * the app starts with the defaults and the user's file is still there to fix.
 *
 * <p>Thread-safe (every method holds this object's lock). Blocking (file I/O).
 */
public final class PreferencesStore {
    private static final Logger log = LoggerFactory.getLogger(PreferencesStore.class);
    private static final int VERSION = 1;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The file's shape; {@code version} leaves room for a later format. */
    record PreferencesFile(
            int version,
            Optional<String> theme,
            Optional<String> zone,
            Optional<Preferences.WindowBounds> window,
            Optional<String> lastProfile,
            Optional<Integer> generatorRate) {}

    /**
     * What {@link #load()} found.
     *
     * @param preferences the saved preferences, or the defaults when there were none or they were bad
     * @param problem for the user: which file was bad, why, where it was kept and what to do; empty when
     *     the file was fine or did not exist
     */
    public record Loaded(Preferences preferences, Optional<String> problem) {
        public Loaded {
            Objects.requireNonNull(preferences, "preferences");
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = SettingsJson.mapper();

    /** @param configDir the settings directory ({@link SettingsDirectory}); created on the first save */
    public PreferencesStore(Path configDir) {
        this(configDir, Clock.systemUTC());
    }

    /** @param clock names the copy of a corrupt file */
    public PreferencesStore(Path configDir, Clock clock) {
        this.file = Objects.requireNonNull(configDir, "configDir").resolve("preferences.json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the file the preferences are kept in */
    public Path file() {
        return file;
    }

    /**
     * Reads the preferences; never throws for a missing, unreadable or corrupt file (the defaults are
     * returned with the problem).
     */
    public synchronized Loaded load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Preferences.DEFAULTS, Optional.empty());
        } catch (IOException e) {
            log.warn("Cannot read the preferences in {}", file, e);
            return new Loaded(
                    Preferences.DEFAULTS,
                    Optional.of("Cannot read the preferences in " + file + " (" + e
                            + "): the defaults are used. Check the file's permissions."));
        }
        try {
            PreferencesFile read = mapper.readValue(content, PreferencesFile.class);
            if (read == null) {
                throw new IllegalArgumentException("the file holds no JSON object");
            }
            return new Loaded(
                    new Preferences(read.theme(), read.zone(), read.window(), read.lastProfile(), read.generatorRate()),
                    Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded(Preferences.DEFAULTS, Optional.of(keepAside(e)));
        }
    }

    /** Moves a corrupt file out of the way so that the next save does not overwrite it. */
    private String keepAside(Exception invalid) {
        String why = invalid instanceof JsonProcessingException json
                ? json.getOriginalMessage()
                : invalid.getCause() instanceof IllegalArgumentException bad ? bad.getMessage() : invalid.getMessage();
        Path kept = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        try {
            Files.move(file, kept);
        } catch (IOException e) {
            log.warn("The preferences in {} are not valid and cannot be moved aside", file, e);
            return "The preferences file " + file + " is not valid (" + why + ") and could not be moved aside (" + e
                    + "): the defaults are used. Fix or delete the file.";
        }
        log.warn("The preferences in {} are not valid ({}); kept as {}, defaults used", file, why, kept);
        return "The preferences file " + file + " is not valid (" + why + "). Pulseboard started with the"
                + " defaults and kept the file as " + kept + ": fix it and move it back, or delete it.";
    }

    /**
     * Replaces the saved preferences.
     *
     * @throws SettingsFileException if the file cannot be written (the message names it and the fix)
     */
    public synchronized void save(Preferences preferences) {
        Objects.requireNonNull(preferences, "preferences");
        byte[] content;
        try {
            content = mapper.writeValueAsBytes(new PreferencesFile(
                    VERSION,
                    preferences.theme(),
                    preferences.zone(),
                    preferences.window(),
                    preferences.lastProfile(),
                    preferences.generatorRate()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode the preferences as JSON", e);
        }
        try {
            // Owner-only on POSIX and on ACL file systems (Windows) alike; where neither exists the
            // owner-only settings directory is what protects it.
            AtomicFiles.replace(file, content, OwnerOnlyFiles::restrictToOwner);
        } catch (IOException e) {
            throw new SettingsFileException(
                    file,
                    "Cannot save the preferences to " + file + ": " + e
                            + ". Check that the directory is writable and the disk is not full.",
                    e);
        }
        log.debug("Saved the preferences to {}", file);
    }
}
