package io.pulseboard.ui.connect;

import io.pulseboard.probe.ConnectionCheck;
import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.session.SessionChoice;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.settings.ProfileStore;
import io.pulseboard.settings.SecretStore;
import io.pulseboard.settings.SettingsFileException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first screen's state and commands: start the local demo, or pick, edit, test and connect to a
 * saved remote profile. The view binds to the properties (the editable fields are in {@link
 * #form()}) and calls the commands; this class never touches a node.
 *
 * <p>Threads: every method, and every property read or written, belongs to the FX thread (the thread
 * that {@code fxExecutor} runs tasks on). File and network work runs on {@code io} as {@code
 * supplyAsync(work, io).whenCompleteAsync(apply, fxExecutor)}; a failure sets {@link #error()}. Tests
 * pass {@code Runnable::run} for both executors. The constructor starts loading the saved profiles.
 *
 * <p>Passwords: the password field is filled from the {@link SecretStore} when a profile is selected
 * and written to it on save (removed when empty or when the profile does not use SASL). It is never
 * logged and never part of a {@link ConnectionProfile}.
 */
public final class ConnectViewModel {
    private static final Logger log = LoggerFactory.getLogger(ConnectViewModel.class);
    private static final ProfileDraft EMPTY = new ProfileDraft("", "", SecurityProtocol.PLAINTEXT, "", "", "");

    private final ProfileStore profileStore;
    private final SecretStore secretStore;
    private final ConnectionTester tester;
    private final Executor io;
    private final Executor fxExecutor;
    private final Consumer<SessionChoice> onChoice;

    private final ProfileForm form = new ProfileForm();
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObservableList<ConnectionProfile> profilesView = FXCollections.unmodifiableObservableList(profiles);
    private final ReadOnlyObjectWrapper<ConnectionProfile> selectedProfile =
            new ReadOnlyObjectWrapper<>(this, "selectedProfile");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyObjectWrapper<ConnectionCheck.Status> testStatus =
            new ReadOnlyObjectWrapper<>(this, "testStatus");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private long formGeneration;
    /** Selected at the first load, then forgotten. */
    private Optional<String> lastProfile;

    /**
     * @param profileStore the saved profiles; never null
     * @param secretStore the saved passwords; never null
     * @param tester checks a profile's servers; never null
     * @param io runs blocking work (files, network); may be a pool; never null
     * @param fxExecutor runs tasks on the FX thread, e.g. {@code Platform::runLater}; never null
     * @param onChoice told, on the FX thread, what the user chose; never null
     * @param lastProfile the profile used last, selected once the saved profiles are loaded if it is
     *     still among them; empty for none
     */
    public ConnectViewModel(
            ProfileStore profileStore,
            SecretStore secretStore,
            ConnectionTester tester,
            Executor io,
            Executor fxExecutor,
            Consumer<SessionChoice> onChoice,
            Optional<String> lastProfile) {
        this.lastProfile = Objects.requireNonNull(lastProfile, "lastProfile");
        this.profileStore = Objects.requireNonNull(profileStore, "profileStore");
        this.secretStore = Objects.requireNonNull(secretStore, "secretStore");
        this.tester = Objects.requireNonNull(tester, "tester");
        this.io = Objects.requireNonNull(io, "io");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.onChoice = Objects.requireNonNull(onChoice, "onChoice");
        form.onEdit(() -> {
            // A result describes the settings it was made with: drop it, and any still running.
            formGeneration++;
            clearTestResult();
        });
        reloadProfiles();
    }

    /** @return the editable fields and their validation; never null */
    public ProfileForm form() {
        return form;
    }

    /** @return the saved profiles, in saved order; read-only */
    public ObservableList<ConnectionProfile> profiles() {
        return profilesView;
    }

    /** @return the saved profile the form was filled from, or null for a new one */
    public ReadOnlyObjectProperty<ConnectionProfile> selectedProfile() {
        return selectedProfile.getReadOnlyProperty();
    }

    /** @return whether a save, delete or connect is in progress (those commands are ignored then) */
    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** @return whether a connection test is running (another test is ignored then) */
    public ReadOnlyBooleanProperty testing() {
        return testing.getReadOnlyProperty();
    }

    /** @return the last test's outcome, one line per service; empty before a test or after an edit */
    public ReadOnlyStringProperty testResult() {
        return testResult.getReadOnlyProperty();
    }

    /** @return OK or FAILED for {@link #testResult()}; null when there is no result */
    public ReadOnlyObjectProperty<ConnectionCheck.Status> testStatus() {
        return testStatus.getReadOnlyProperty();
    }

    /** @return why the last command failed or was refused, for the user; empty when it did not */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** Chooses the local demo: tells {@code onChoice} at once. */
    public void startLocalDemo() {
        error.set("");
        deliver(new SessionChoice.LocalDemo());
    }

    /** Reads the saved profiles again (the constructor does this once). */
    public void reloadProfiles() {
        run(profileStore::load, (loaded, failure) -> {
            if (failure != null) {
                fail("Could not load the saved connection profiles", failure);
            } else {
                profiles.setAll(loaded);
                Optional<String> last = lastProfile;
                lastProfile = Optional.empty();
                last.flatMap(name -> loaded.stream()
                                .filter(p -> p.name().equals(name))
                                .findFirst())
                        .ifPresent(this::selectProfile);
            }
        });
    }

    /**
     * Fills the form from a saved profile and fetches its password. A null or already selected profile
     * is ignored (selection lists report null while their items are replaced).
     */
    public void selectProfile(ConnectionProfile profile) {
        if (profile == null || profile.equals(selectedProfile.get())) {
            return;
        }
        error.set("");
        form.fill(ProfileDraft.of(profile), "");
        selectedProfile.set(profile);
        run(
                () -> new String[] {
                    secretStore.password(profile.name()).orElse(""),
                    profile.postgresUrl().isPresent()
                            ? secretStore.password(profile.postgresSecretName()).orElse("")
                            : ""
                },
                (secrets, failure) -> {
                    if (failure != null) {
                        fail("Could not read the stored password of '" + profile.name() + "'", failure);
                        return;
                    }
                    if (profile.equals(selectedProfile.get())
                            && form.password().get().isEmpty()) {
                        form.password().set(secrets[0]);
                    }
                    if (profile.equals(selectedProfile.get())
                            && form.postgresPassword().get().isEmpty()) {
                        form.postgresPassword().set(secrets[1]);
                    }
                });
    }

    /** Clears the form for a new profile. */
    public void newProfile() {
        error.set("");
        selectedProfile.set(null);
        form.fill(EMPTY, "");
    }

    /** Saves the form as a profile (replacing the saved one of the same name) and its password. */
    public void saveProfile() {
        persist(profile -> {});
    }

    /** Validates and saves the form, then tells {@code onChoice} about a {@link SessionChoice.Remote}. */
    public void connect() {
        persist(profile ->
                deliver(new SessionChoice.Remote(profile, form.effectivePassword(), form.effectivePostgresPassword())));
    }

    /** Deletes the selected profile and its password, then clears the form. */
    public void deleteProfile() {
        if (busy.get()) {
            return;
        }
        ConnectionProfile selected = selectedProfile.get();
        if (selected == null) {
            error.set("Select a saved profile to delete.");
            return;
        }
        error.set("");
        busy.set(true);
        run(
                () -> {
                    List<ConnectionProfile> left = profileStore.delete(selected.name());
                    secretStore.deletePassword(selected.name());
                    secretStore.deletePassword(selected.postgresSecretName());
                    return left;
                },
                (left, failure) -> {
                    busy.set(false);
                    if (failure != null) {
                        fail("Could not delete profile '" + selected.name() + "'", failure);
                        return;
                    }
                    profiles.setAll(left);
                    newProfile();
                });
    }

    /** Checks the form's settings against the servers (no name needed); sets {@link #testResult()}. */
    public void testConnection() {
        if (testing.get()) {
            return;
        }
        ProfileDraft typed = form.draft();
        ProfileDraft draft = typed.name().isEmpty() ? typed.withName("unsaved") : typed;
        List<String> problems = form.problemsBeforeConnecting(draft);
        if (!problems.isEmpty()) {
            error.set(String.join("\n", problems));
            return;
        }
        error.set("");
        ConnectionProfile profile = draft.toProfile();
        String secret = form.effectivePassword();
        String postgresSecret = form.effectivePostgresPassword();
        clearTestResult();
        long generation = formGeneration;
        testing.set(true);
        run(() -> tester.test(profile, secret, postgresSecret), (check, failure) -> {
            testing.set(false);
            if (failure != null) {
                fail("The connection test failed unexpectedly", failure);
            } else if (generation == formGeneration) {
                testResult.set(check.summary());
                testStatus.set(check.status());
            }
        });
    }

    private void persist(Consumer<ConnectionProfile> then) {
        if (busy.get()) {
            return;
        }
        ProfileDraft draft = form.draft();
        List<String> problems = form.problemsBeforeConnecting(draft);
        if (!problems.isEmpty()) {
            error.set(String.join("\n", problems));
            return;
        }
        error.set("");
        ConnectionProfile profile = draft.toProfile();
        String secret = form.effectivePassword();
        String postgresSecret = form.effectivePostgresPassword();
        busy.set(true);
        run(
                () -> {
                    List<ConnectionProfile> saved = profileStore.upsert(profile);
                    if (secret.isEmpty()) {
                        secretStore.deletePassword(profile.name());
                    } else {
                        secretStore.putPassword(profile.name(), secret);
                    }
                    if (postgresSecret.isEmpty()) {
                        secretStore.deletePassword(profile.postgresSecretName());
                    } else {
                        secretStore.putPassword(profile.postgresSecretName(), postgresSecret);
                    }
                    return saved;
                },
                (saved, failure) -> {
                    busy.set(false);
                    if (failure != null) {
                        fail("Could not save profile '" + profile.name() + "'", failure);
                        return;
                    }
                    profiles.setAll(saved);
                    selectedProfile.set(profile);
                    then.accept(profile);
                });
    }

    private void clearTestResult() {
        testResult.set("");
        testStatus.set(null);
    }

    private void deliver(SessionChoice choice) {
        log.info("Session chosen: {}", choice);
        onChoice.accept(choice);
    }

    private void fail(String what, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        log.warn("{}", what, cause);
        String detail = cause instanceof SettingsFileException ? cause.getMessage() : String.valueOf(cause);
        error.set(what + ": " + detail);
    }

    /** Runs {@code work} on io, then {@code apply} on the FX thread; an exception in apply is reported too. */
    private <T> void run(Supplier<T> work, BiConsumer<T, Throwable> apply) {
        CompletableFuture.supplyAsync(work, io)
                .whenCompleteAsync(
                        (result, failure) -> {
                            try {
                                apply.accept(result, failure);
                            } catch (RuntimeException e) {
                                fail("Internal error on the connect screen", e);
                            }
                        },
                        fxExecutor);
    }
}
