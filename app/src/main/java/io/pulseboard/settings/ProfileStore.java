package io.pulseboard.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved connection profiles, as JSON in {@code <configDir>/profiles.json}:
 *
 * <pre>{"version":1,"profiles":[{"name":"prod","bootstrapServers":"kafka:9093",
 * "securityProtocol":"SASL_SSL","saslMechanism":"PLAIN","username":"ops"}]}</pre>
 *
 * <p>The file never holds a password: {@link ConnectionProfile} has none (passwords live in a {@link
 * SecretStore}), and a Redis URI carrying credentials is refused ({@link RedisUris}). Writes replace
 * the file atomically (temporary file, then move), so a crash leaves the old or the new list. A file
 * that cannot be parsed is reported, never treated as empty, so that a save cannot overwrite the
 * user's profiles with nothing.
 *
 * <p>Thread-safe: every method reads or rewrites the whole file under this object's lock. Blocking
 * (file I/O): call from a background thread.
 */
public final class ProfileStore {
    private static final Logger log = LoggerFactory.getLogger(ProfileStore.class);
    private static final int VERSION = 1;

    /** The file's top-level shape; {@code version} leaves room for a later format. */
    record ProfilesFile(int version, List<ConnectionProfile> profiles) {}

    private final Path file;
    private final ObjectMapper mapper = SettingsJson.mapper();

    /**
     * @param configDir the settings directory (see {@link SettingsDirectory}); created on the
     *     first save; never null
     */
    public ProfileStore(Path configDir) {
        this.file = Objects.requireNonNull(configDir, "configDir").resolve("profiles.json");
    }

    /** @return the file the profiles are kept in; never null */
    public Path file() {
        return file;
    }

    /**
     * @return the saved profiles in their saved order; empty when the file does not exist yet; never
     *     null
     * @throws SettingsFileException if the file cannot be read or is not a valid profiles file (the
     *     message names the file and the fix)
     */
    public synchronized List<ConnectionProfile> load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new SettingsFileException(
                    file, "Cannot read the connection profiles in " + file + ": " + e + ". Check its permissions.", e);
        }
        return parse(content);
    }

    /**
     * Replaces all saved profiles.
     *
     * @param profiles the profiles, names unique; never null
     * @throws IllegalArgumentException if two profiles share a name or a Redis URI carries credentials
     * @throws SettingsFileException if the file cannot be written
     */
    public synchronized void saveAll(List<ConnectionProfile> profiles) {
        List<ConnectionProfile> checked = checkedCopy(profiles);
        byte[] content;
        try {
            content = mapper.writeValueAsBytes(new ProfilesFile(VERSION, checked));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode connection profiles as JSON", e);
        }
        try {
            AtomicFiles.replace(file, content, temp -> {});
        } catch (IOException e) {
            throw new SettingsFileException(
                    file,
                    "Cannot save the connection profiles to " + file + ": " + e
                            + ". Check that the directory is writable and the disk is not full.",
                    e);
        }
        log.debug("Saved {} connection profiles to {}", checked.size(), file);
    }

    /**
     * Adds a profile, or replaces the saved profile of the same name in place.
     *
     * @return all profiles after the change; never null
     * @throws SettingsFileException if the existing file cannot be read or parsed, or cannot be written
     */
    public synchronized List<ConnectionProfile> upsert(ConnectionProfile profile) {
        Objects.requireNonNull(profile, "profile");
        List<ConnectionProfile> profiles = new ArrayList<>(load());
        int index = indexOf(profiles, profile.name());
        if (index >= 0) {
            profiles.set(index, profile);
        } else {
            profiles.add(profile);
        }
        saveAll(profiles);
        return List.copyOf(profiles);
    }

    /**
     * Removes the profile of that name, if saved.
     *
     * @return all profiles after the change; never null
     * @throws SettingsFileException if the existing file cannot be read or parsed, or cannot be written
     */
    public synchronized List<ConnectionProfile> delete(String name) {
        Objects.requireNonNull(name, "name");
        List<ConnectionProfile> profiles = new ArrayList<>(load());
        int index = indexOf(profiles, name);
        if (index < 0) {
            return List.copyOf(profiles);
        }
        profiles.remove(index);
        saveAll(profiles);
        return List.copyOf(profiles);
    }

    private List<ConnectionProfile> parse(byte[] content) {
        ProfilesFile parsed;
        try {
            parsed = mapper.readValue(content, ProfilesFile.class);
        } catch (IOException e) {
            throw corrupt(describe(e), e);
        }
        if (parsed == null || parsed.profiles() == null) {
            throw corrupt("it has no \"profiles\" list", null);
        }
        if (parsed.version() != VERSION) {
            throw corrupt("its version is " + parsed.version() + ", this Pulseboard reads version " + VERSION, null);
        }
        try {
            return checkedCopy(parsed.profiles());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(e.getMessage(), e);
        }
    }

    private SettingsFileException corrupt(String problem, Throwable cause) {
        return new SettingsFileException(
                file,
                "The connection profiles file " + file + " is not valid: " + problem
                        + ". Fix the file, or move it away to start with no saved profiles"
                        + " (passwords are kept separately and are not lost).",
                cause);
    }

    private static String describe(IOException e) {
        if (e instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof NullPointerException missing) {
            // ConnectionProfile's constructor names the missing field.
            return "a profile lacks \"" + missing.getMessage() + "\"" + location(instantiation);
        }
        if (e instanceof JsonProcessingException json) {
            return json.getOriginalMessage() + location(json);
        }
        return e.toString();
    }

    private static String location(JsonProcessingException json) {
        return json.getLocation() == null
                ? ""
                : " at line " + json.getLocation().getLineNr() + ", column "
                        + json.getLocation().getColumnNr();
    }

    private static List<ConnectionProfile> checkedCopy(List<ConnectionProfile> profiles) {
        Set<String> names = new HashSet<>();
        for (ConnectionProfile profile : profiles) {
            Objects.requireNonNull(profile, "a profile is null");
            if (profile.name().isBlank()) {
                throw new IllegalArgumentException("a profile has an empty name");
            }
            if (!names.add(profile.name())) {
                throw new IllegalArgumentException("two profiles are named '" + profile.name() + "'");
            }
            profile.redisUri().ifPresent(uri -> {
                if (RedisUris.hasCredentials(uri)) {
                    throw new IllegalArgumentException("the Redis URI of profile '" + profile.name()
                            + "' contains credentials; profiles are stored in plain text and must not");
                }
            });
        }
        return List.copyOf(profiles);
    }

    private static int indexOf(List<ConnectionProfile> profiles, String name) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
