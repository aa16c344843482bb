package io.pulseboard.settings;

import java.util.Optional;

/**
 * Passwords of connection profiles, looked up by profile name. Kept apart from the profiles so that
 * {@code profiles.json} can be shared or backed up without leaking a password.
 *
 * <p>Implementations never log a secret. Today's implementation is {@link
 * OwnerOnlyFileSecretStore}, a file only its owner can read; an OS keychain (macOS Keychain, Windows
 * Credential Manager, the freedesktop Secret Service) can implement this interface later without
 * any change to its callers.
 *
 * <p>Implementations are thread-safe and may block (files, a keychain daemon): call them from a
 * background thread, not the FX thread.
 */
public interface SecretStore {

    /**
     * @param profileName the profile's name; never null
     * @return the stored password, or empty if none is stored
     * @throws SettingsFileException if the store cannot be read
     */
    Optional<String> password(String profileName);

    /**
     * Stores or replaces the password of a profile.
     *
     * @param profileName the profile's name; never null
     * @param password the password; never null (use {@link #deletePassword} to remove one)
     * @throws SettingsFileException if the store cannot be written
     */
    void putPassword(String profileName, String password);

    /**
     * Removes the password of a profile; does nothing if none is stored.
     *
     * @param profileName the profile's name; never null
     * @throws SettingsFileException if the store cannot be written
     */
    void deletePassword(String profileName);
}
