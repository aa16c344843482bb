package io.pulseboard;

import io.pulseboard.settings.Preferences;
import io.pulseboard.settings.PreferencesStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preferences of this run (part of the composition root): read once at start, changed on the FX
 * thread as the user changes a setting, and written after each change on {@code io}, one write after
 * the other, so the file always holds the newest preferences. A harness (the screenshot tour) uses
 * {@link #none()}: it neither reads nor writes the user's file.
 */
final class SavedPreferences {

    private static final Logger log = LoggerFactory.getLogger(SavedPreferences.class);

    private final Optional<PreferencesStore> store;
    private final Executor io;
    private final Optional<String> problem;
    private final Consumer<String> onSaveFailed;
    private Preferences current;
    private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);

    private SavedPreferences(Optional<PreferencesStore> store, Executor io, Consumer<String> onSaveFailed) {
        this.store = store;
        this.io = io;
        this.onSaveFailed = onSaveFailed;
        PreferencesStore.Loaded loaded = store.map(PreferencesStore::load)
                .orElse(new PreferencesStore.Loaded(Preferences.DEFAULTS, Optional.empty()));
        this.current = loaded.preferences();
        this.problem = loaded.problem();
    }

    /**
     * Reads {@code store} (blocking, once, small); a corrupt file gives the defaults and a {@link #problem()}.
     *
     * @param onSaveFailed told, on {@code io}, what to show the user when a save fails
     */
    static SavedPreferences load(PreferencesStore store, Executor io, Consumer<String> onSaveFailed) {
        return new SavedPreferences(Optional.of(store), io, onSaveFailed);
    }

    /** The defaults, never saved. */
    static SavedPreferences none() {
        return new SavedPreferences(Optional.empty(), Runnable::run, text -> {});
    }

    Preferences current() {
        return current;
    }

    /** Why the saved preferences could not be used, for the user; empty when they could. */
    Optional<String> problem() {
        return problem;
    }

    /** Changes the preferences and saves them in the background if they changed. FX thread. */
    void update(UnaryOperator<Preferences> change) {
        Preferences next = change.apply(current);
        if (next.equals(current)) {
            return;
        }
        current = next;
        store.ifPresent(s ->
                writing = writing.thenRunAsync(() -> s.save(next), io).exceptionally(e -> {
                    log.warn("Saving the preferences failed; they apply to this run only", e);
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause()
                            : e;
                    onSaveFailed.accept("Your preferences could not be saved and apply to this run only: "
                            + (cause.getMessage() != null
                                    ? cause.getMessage()
                                    : cause.getClass().getSimpleName()));
                    return null;
                }));
    }

    /** Waits for the writes still under way (at stop). */
    void flush() {
        writing.join();
    }
}
