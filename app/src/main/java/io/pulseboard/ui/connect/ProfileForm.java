package io.pulseboard.ui.connect;

import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The editable fields of the connect form, which the view binds bidirectionally, and their live
 * validation. Part of {@link ConnectViewModel} ({@link ConnectViewModel#form()}); FX thread only.
 * String fields are never null (the view may set null; it reads as empty).
 */
public final class ProfileForm {

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty bootstrapServers = new SimpleStringProperty(this, "bootstrapServers", "");
    private final ObjectProperty<SecurityProtocol> securityProtocol =
            new SimpleObjectProperty<>(this, "securityProtocol", SecurityProtocol.PLAINTEXT);
    private final StringProperty saslMechanism = new SimpleStringProperty(this, "saslMechanism", "");
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty redisUri = new SimpleStringProperty(this, "redisUri", "");
    private final StringProperty postgresUrl = new SimpleStringProperty(this, "postgresUrl", "");
    private final StringProperty postgresUser = new SimpleStringProperty(this, "postgresUser", "");
    private final StringProperty postgresPassword = new SimpleStringProperty(this, "postgresPassword", "");
    private final ReadOnlyBooleanWrapper saslEnabled = new ReadOnlyBooleanWrapper(this, "saslEnabled");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final List<Runnable> editListeners = new ArrayList<>();

    ProfileForm() {
        saslEnabled.bind(securityProtocol.isEqualTo(SecurityProtocol.SASL_SSL));
        securityProtocol.addListener((obs, old, now) -> {
            if (now == SecurityProtocol.SASL_SSL && text(saslMechanism).isEmpty()) {
                saslMechanism.set(ConnectionTester.SASL_MECHANISMS.get(0));
            }
        });
        List<Observable> fields = List.of(
                name,
                bootstrapServers,
                securityProtocol,
                saslMechanism,
                username,
                password,
                redisUri,
                postgresUrl,
                postgresUser,
                postgresPassword);
        fields.forEach(field -> field.addListener(obs -> edited()));
        edited();
    }

    /** @return the profile's unique name */
    public StringProperty name() {
        return name;
    }

    /** @return {@code host:port[,host:port]} */
    public StringProperty bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the security protocol; null reads as invalid */
    public ObjectProperty<SecurityProtocol> securityProtocol() {
        return securityProtocol;
    }

    /** @return one of {@link ConnectionTester#SASL_MECHANISMS}; used only with SASL_SSL */
    public StringProperty saslMechanism() {
        return saslMechanism;
    }

    /** @return the SASL user; used only with SASL_SSL */
    public StringProperty username() {
        return username;
    }

    /** @return the SASL password; used only with SASL_SSL; never logged */
    public StringProperty password() {
        return password;
    }

    /** @return optional {@code redis://host:port}; empty for none */
    public StringProperty redisUri() {
        return redisUri;
    }

    /** @return optional {@code jdbc:postgresql://host:port/database} of the reference data; empty for none */
    public StringProperty postgresUrl() {
        return postgresUrl;
    }

    /** @return the PostgreSQL user; used only with a PostgreSQL URL */
    public StringProperty postgresUser() {
        return postgresUser;
    }

    /** @return the PostgreSQL user's password; used only with a PostgreSQL URL; never logged */
    public StringProperty postgresPassword() {
        return postgresPassword;
    }

    /** @return the PostgreSQL password, or empty when no PostgreSQL URL is set */
    String effectivePostgresPassword() {
        return text(postgresUrl).isEmpty() ? "" : text(postgresPassword);
    }

    /** @return whether mechanism, user and password apply (the protocol is SASL_SSL) */
    public ReadOnlyBooleanProperty saslEnabled() {
        return saslEnabled.getReadOnlyProperty();
    }

    /** @return what to fix, one problem per line; empty when {@link #valid()} */
    public ReadOnlyStringProperty validation() {
        return validation.getReadOnlyProperty();
    }

    /** @return whether the fields describe a usable profile (the password is not checked here) */
    public ReadOnlyBooleanProperty valid() {
        return valid.getReadOnlyProperty();
    }

    /** Runs {@code listener} after every edit of any field, by the user or by the view model. */
    void onEdit(Runnable listener) {
        editListeners.add(listener);
    }

    ProfileDraft draft() {
        return new ProfileDraft(
                text(name),
                text(bootstrapServers),
                securityProtocol.get(),
                text(saslMechanism),
                text(username),
                text(redisUri),
                text(postgresUrl),
                text(postgresUser));
    }

    /** @return the password, or empty when the protocol does not use one */
    String effectivePassword() {
        return saslEnabled.get() ? text(password) : "";
    }

    /** @return the draft's problems plus a missing password, for actions that need to connect */
    List<String> problemsBeforeConnecting(ProfileDraft draft) {
        List<String> problems = new ArrayList<>(draft.problems());
        if (draft.usesSasl() && text(password).isEmpty()) {
            problems.add("Enter the password of the SASL user.");
        }
        return problems;
    }

    void fill(ProfileDraft draft, String secret) {
        fill(draft, secret, "");
    }

    void fill(ProfileDraft draft, String secret, String postgresSecret) {
        name.set(draft.name());
        bootstrapServers.set(draft.bootstrapServers());
        securityProtocol.set(draft.securityProtocol());
        saslMechanism.set(draft.saslMechanism());
        username.set(draft.username());
        redisUri.set(draft.redisUri());
        postgresUrl.set(draft.postgresUrl());
        postgresUser.set(draft.postgresUser());
        password.set(secret);
        postgresPassword.set(postgresSecret);
    }

    private void edited() {
        List<String> problems = draft().problems();
        validation.set(String.join("\n", problems));
        valid.set(problems.isEmpty());
        editListeners.forEach(Runnable::run);
    }

    private static String text(StringProperty property) {
        return property.get() == null ? "" : property.get();
    }
}
