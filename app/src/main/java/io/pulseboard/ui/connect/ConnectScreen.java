package io.pulseboard.ui.connect;

import io.pulseboard.probe.LiveConnectionTester;
import io.pulseboard.session.SessionChoice;
import io.pulseboard.settings.OwnerOnlyFileSecretStore;
import io.pulseboard.settings.ProfileStore;
import io.pulseboard.settings.SettingsDirectory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Parent;

/** Wiring of the first screen (part of the composition root). */
public final class ConnectScreen {

    private ConnectScreen() {}

    /** @param lastProfile the profile used last, selected once the profiles are loaded; empty for none */
    public static Parent build(
            Executor io, Executor fx, Consumer<SessionChoice> onChoice, Optional<String> lastProfile) {
        Path configDir = SettingsDirectory.detect().path();
        ConnectViewModel vm = new ConnectViewModel(
                new ProfileStore(configDir),
                new OwnerOnlyFileSecretStore(configDir),
                new LiveConnectionTester(),
                io,
                fx,
                onChoice,
                lastProfile);
        return new ConnectView(vm).root();
    }
}
