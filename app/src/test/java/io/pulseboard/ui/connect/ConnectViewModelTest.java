package io.pulseboard.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.probe.ConnectionCheck;
import io.pulseboard.probe.ConnectionCheck.Part;
import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.session.SessionChoice;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.settings.ProfileStore;
import io.pulseboard.settings.SecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectViewModelTest {

    @TempDir
    Path configDir;

    private final InMemorySecrets secrets = new InMemorySecrets();
    private final List<SessionChoice> choices = new ArrayList<>();
    private final List<String> testedPasswords = new ArrayList<>();
    private final List<String> testedPostgresPasswords = new ArrayList<>();
    private ConnectionCheck nextCheck = new ConnectionCheck(Part.ok("1 broker, cluster id abc"), Optional.empty());
    private ProfileStore profileStore;
    private ConnectViewModel vm;

    @BeforeEach
    void createViewModel() {
        profileStore = new ProfileStore(configDir);
        vm = newViewModel((profile, password, postgresPassword) -> {
            testedPasswords.add(password);
            testedPostgresPasswords.add(postgresPassword);
            return nextCheck;
        });
    }

    private ConnectViewModel newViewModel(ConnectionTester tester) {
        return newViewModel(tester, Optional.empty());
    }

    private ConnectViewModel newViewModel(ConnectionTester tester, Optional<String> lastProfile) {
        return new ConnectViewModel(
                profileStore, secrets, tester, Runnable::run, Runnable::run, choices::add, lastProfile);
    }

    private void fillSasl(String name, String password) {
        ProfileForm form = vm.form();
        form.name().set(name);
        form.bootstrapServers().set("b1.example.com:9093, b2.example.com:9093");
        form.securityProtocol().set(SecurityProtocol.SASL_SSL);
        form.saslMechanism().set("SCRAM-SHA-512");
        form.username().set("ops");
        form.password().set(password);
    }

    @Test
    void selectsTheProfileUsedLastWithItsStoredPassword() {
        ConnectionProfile staging = new ConnectionProfile(
                "staging", "s1:9092", SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(), Optional.empty());
        ConnectionProfile prod = new ConnectionProfile(
                "prod",
                "p1:9093",
                SecurityProtocol.SASL_SSL,
                Optional.of("PLAIN"),
                Optional.of("ops"),
                Optional.empty());
        profileStore.saveAll(List.of(staging, prod));
        secrets.putPassword("prod", "s3cret");

        ConnectViewModel restored = newViewModel((p, pw, pgPw) -> nextCheck, Optional.of("prod"));

        assertThat(restored.selectedProfile().get()).isEqualTo(prod);
        assertThat(restored.form().bootstrapServers().get()).isEqualTo("p1:9093");
        assertThat(restored.form().password().get()).isEqualTo("s3cret");
    }

    @Test
    void aLastProfileThatWasDeletedSelectsNothing() {
        profileStore.saveAll(List.of(new ConnectionProfile(
                "staging",
                "s1:9092",
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));

        ConnectViewModel restored = newViewModel((p, pw, pgPw) -> nextCheck, Optional.of("gone"));

        assertThat(restored.selectedProfile().get()).isNull();
        assertThat(restored.error().get()).isEmpty();
    }

    @Test
    void startLocalDemoEmitsLocalDemo() {
        vm.startLocalDemo();

        assertThat(choices).containsExactly(new SessionChoice.LocalDemo());
    }

    @Test
    void validatesBootstrapServersAndSaslFields() {
        ProfileForm form = vm.form();
        assertThat(form.valid().get()).isFalse();
        assertThat(form.validation().get()).contains("Enter a profile name.", "host:port[,host:port]");

        form.name().set("prod");
        form.bootstrapServers().set("kafka:9092,no-port");
        assertThat(form.validation().get())
                .isEqualTo("Bootstrap server 'no-port' is not host:port; use host:port[,host:port].");

        form.bootstrapServers().set("kafka:99999");
        assertThat(form.validation().get()).contains("has port 99999");

        form.bootstrapServers().set("kafka-1.internal:9092, [::1]:9093");
        assertThat(form.valid().get()).isTrue();
        assertThat(form.validation().get()).isEmpty();

        form.securityProtocol().set(SecurityProtocol.SASL_SSL);
        assertThat(form.saslEnabled().get()).isTrue();
        assertThat(form.saslMechanism().get()).as("default mechanism").isEqualTo("PLAIN");
        assertThat(form.validation().get()).isEqualTo("SASL_SSL needs a user name.");

        form.saslMechanism().set("GSSAPI");
        form.username().set("ops");
        assertThat(form.validation().get()).startsWith("SASL_SSL needs a SASL mechanism: one of PLAIN");

        form.saslMechanism().set("PLAIN");
        form.redisUri().set("redis://:hunter2@cache:6379");
        assertThat(form.validation().get()).contains("must not contain a user or password");

        form.redisUri().set("http://cache:6379");
        assertThat(form.validation().get()).contains("redis:// or rediss://");

        form.redisUri().set("redis://cache:6379");
        assertThat(form.valid().get()).isTrue();
    }

    @Test
    void invalidFormIsNotSavedAndTheErrorSaysWhy() {
        vm.form().name().set("prod");

        vm.saveProfile();

        assertThat(vm.error().get()).contains("Enter the bootstrap servers");
        assertThat(vm.profiles()).isEmpty();
        assertThat(profileStore.file()).doesNotExist();
    }

    @Test
    void savesProfileAndPasswordSeparatelyThenSelectRestoresBoth() throws IOException {
        fillSasl("prod", "s3cret");

        vm.saveProfile();

        ConnectionProfile saved = new ConnectionProfile(
                "prod",
                "b1.example.com:9093,b2.example.com:9093",
                SecurityProtocol.SASL_SSL,
                Optional.of("SCRAM-SHA-512"),
                Optional.of("ops"),
                Optional.empty());
        assertThat(vm.error().get()).isEmpty();
        assertThat(vm.profiles()).containsExactly(saved);
        assertThat(vm.selectedProfile().get()).isEqualTo(saved);
        assertThat(secrets.password("prod")).contains("s3cret");
        assertThat(Files.readString(profileStore.file())).doesNotContain("s3cret");

        vm.newProfile();
        assertThat(vm.form().name().get()).isEmpty();
        assertThat(vm.form().password().get()).isEmpty();
        assertThat(vm.selectedProfile().get()).isNull();

        vm.selectProfile(saved);
        assertThat(vm.form().name().get()).isEqualTo("prod");
        assertThat(vm.form().bootstrapServers().get()).isEqualTo("b1.example.com:9093,b2.example.com:9093");
        assertThat(vm.form().securityProtocol().get()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(vm.form().saslMechanism().get()).isEqualTo("SCRAM-SHA-512");
        assertThat(vm.form().username().get()).isEqualTo("ops");
        assertThat(vm.form().password().get()).isEqualTo("s3cret");
    }

    @Test
    void aProfilesPostgresqlIsSavedWithItsPasswordInTheSecretStoreAndReachesTheRemoteChoice() throws IOException {
        ProfileForm form = vm.form();
        form.name().set("prod");
        form.bootstrapServers().set("p1:9092");
        form.postgresUrl().set("jdbc:postgresql://db.example.com:5432/pulseboard");
        form.postgresPassword().set("pg-s3cret");

        vm.saveProfile();
        assertThat(vm.error().get()).isEqualTo("Enter the PostgreSQL user.");

        form.postgresUser().set("analyst");
        vm.connect();

        ConnectionProfile saved = new ConnectionProfile(
                "prod",
                "p1:9092",
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("jdbc:postgresql://db.example.com:5432/pulseboard"),
                Optional.of("analyst"));
        assertThat(vm.error().get()).isEmpty();
        assertThat(vm.profiles()).containsExactly(saved);
        assertThat(secrets.password("prod (PostgreSQL)")).contains("pg-s3cret");
        assertThat(Files.readString(profileStore.file()))
                .doesNotContain("pg-s3cret")
                .contains("analyst");
        assertThat(choices).containsExactly(new SessionChoice.Remote(saved, "", "pg-s3cret"));

        vm.newProfile();
        vm.selectProfile(saved);
        assertThat(form.postgresUrl().get()).isEqualTo("jdbc:postgresql://db.example.com:5432/pulseboard");
        assertThat(form.postgresUser().get()).isEqualTo("analyst");
        assertThat(form.postgresPassword().get()).isEqualTo("pg-s3cret");

        form.postgresUrl().set("jdbc:postgresql://db/pb?password=x");
        vm.saveProfile();
        assertThat(vm.error().get()).isEqualTo("Put the PostgreSQL password in its own field, not in the URL.");

        vm.selectProfile(vm.profiles().get(0));
        vm.deleteProfile();
        assertThat(secrets.password("prod (PostgreSQL)")).isEmpty();
    }

    @Test
    void testConnectionChecksTheProfilesPostgresqlWithItsPassword() {
        ProfileForm form = vm.form();
        form.bootstrapServers().set("p1:9092");
        form.postgresUrl().set("jdbc:postgresql://db.example.com:5432/pulseboard");
        form.postgresUser().set("analyst");
        form.postgresPassword().set("pg-s3cret");
        nextCheck = new ConnectionCheck(
                Part.ok("1 broker, cluster id abc"),
                Optional.empty(),
                Optional.of(Part.failed("PostgreSQL at db.example.com:5432: the server refused user analyst")));

        vm.testConnection();

        assertThat(testedPostgresPasswords).containsExactly("pg-s3cret");
        assertThat(vm.testStatus().get()).isEqualTo(ConnectionCheck.Status.FAILED);
        assertThat(vm.testResult().get())
                .isEqualTo("Kafka OK: 1 broker, cluster id abc\nPostgreSQL FAILED: PostgreSQL at db.example.com:5432:"
                        + " the server refused user analyst");
    }

    @Test
    void loadsSavedProfilesOnCreation() {
        fillSasl("prod", "s3cret");
        vm.saveProfile();

        ConnectViewModel reopened = newViewModel((p, pw, pgPw) -> nextCheck);

        assertThat(reopened.profiles()).extracting(ConnectionProfile::name).containsExactly("prod");
        assertThat(reopened.error().get()).isEmpty();
    }

    @Test
    void deleteRemovesProfileAndPasswordAndClearsTheForm() {
        fillSasl("prod", "s3cret");
        vm.saveProfile();

        vm.deleteProfile();

        assertThat(vm.profiles()).isEmpty();
        assertThat(profileStore.load()).isEmpty();
        assertThat(secrets.password("prod")).isEmpty();
        assertThat(vm.selectedProfile().get()).isNull();
        assertThat(vm.form().name().get()).isEmpty();
    }

    @Test
    void deleteWithoutSelectionSaysWhatToDo() {
        vm.deleteProfile();

        assertThat(vm.error().get()).isEqualTo("Select a saved profile to delete.");
    }

    @Test
    void connectSavesAndEmitsRemoteChoiceWithThePassword() {
        fillSasl("prod", "s3cret");

        vm.connect();

        assertThat(choices).hasSize(1);
        SessionChoice.Remote remote = (SessionChoice.Remote) choices.get(0);
        assertThat(remote.profile().name()).isEqualTo("prod");
        assertThat(remote.password()).isEqualTo("s3cret");
        assertThat(remote.toString()).doesNotContain("s3cret");
        assertThat(profileStore.load()).containsExactly(remote.profile());
    }

    @Test
    void connectWithoutSaslPasswordIsRefused() {
        fillSasl("prod", "");

        vm.connect();

        assertThat(choices).isEmpty();
        assertThat(vm.error().get()).isEqualTo("Enter the password of the SASL user.");
    }

    @Test
    void plaintextProfileConnectsWithAnEmptyPasswordAndStoresNone() {
        vm.form().name().set("local");
        vm.form().bootstrapServers().set("localhost:9092");
        vm.form().password().set("typed before switching protocol");

        vm.connect();

        assertThat(choices)
                .containsExactly(new SessionChoice.Remote(
                        new ConnectionProfile(
                                "local",
                                "localhost:9092",
                                SecurityProtocol.PLAINTEXT,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        ""));
        assertThat(secrets.password("local")).isEmpty();
    }

    @Test
    void testConnectionShowsTheTesterResultAndAnEditClearsIt() {
        fillSasl("", "s3cret");
        nextCheck = new ConnectionCheck(
                Part.ok("3 brokers, cluster id abc"), Optional.of(Part.failed("Cannot reach Redis at cache:6379")));

        vm.testConnection();

        assertThat(testedPasswords).containsExactly("s3cret");
        assertThat(vm.testing().get()).isFalse();
        assertThat(vm.error().get()).isEmpty();
        assertThat(vm.testStatus().get()).isEqualTo(ConnectionCheck.Status.FAILED);
        assertThat(vm.testResult().get())
                .isEqualTo("Kafka OK: 3 brokers, cluster id abc\nRedis FAILED: Cannot reach Redis at cache:6379");

        vm.form().bootstrapServers().set("other:9093");

        assertThat(vm.testResult().get()).isEmpty();
        assertThat(vm.testStatus().get()).isNull();
    }

    @Test
    void testConnectionOkResult() {
        vm.form().bootstrapServers().set("localhost:9092");

        vm.testConnection();

        assertThat(vm.testStatus().get()).isEqualTo(ConnectionCheck.Status.OK);
        assertThat(vm.testResult().get()).isEqualTo("Kafka OK: 1 broker, cluster id abc");
        assertThat(testedPasswords).containsExactly("");
    }

    @Test
    void testerFailureSetsTheErrorAndEndsTesting() {
        vm = newViewModel((profile, password, postgresPassword) -> {
            throw new IllegalStateException("tester broke");
        });
        vm.form().bootstrapServers().set("localhost:9092");

        vm.testConnection();

        assertThat(vm.testing().get()).isFalse();
        assertThat(vm.error().get()).contains("The connection test failed unexpectedly", "tester broke");
        assertThat(vm.testResult().get()).isEmpty();
    }

    @Test
    void corruptProfilesFileIsShownAndNotOverwritten() throws IOException {
        Files.writeString(profileStore.file(), "{broken");

        ConnectViewModel reopened = newViewModel((p, pw, pgPw) -> nextCheck);
        assertThat(reopened.error().get())
                .contains(
                        "Could not load the saved connection profiles",
                        profileStore.file().toString());

        reopened.form().name().set("prod");
        reopened.form().bootstrapServers().set("kafka:9092");
        reopened.connect();

        assertThat(choices).isEmpty();
        assertThat(reopened.error().get()).contains("Could not save profile 'prod'", "Fix the file");
        assertThat(Files.readString(profileStore.file())).isEqualTo("{broken");
    }

    /** A {@link SecretStore} in memory, for tests. */
    static final class InMemorySecrets implements SecretStore {
        private final Map<String, String> passwords = new HashMap<>();

        @Override
        public synchronized Optional<String> password(String profileName) {
            return Optional.ofNullable(passwords.get(profileName));
        }

        @Override
        public synchronized void putPassword(String profileName, String password) {
            passwords.put(profileName, password);
        }

        @Override
        public synchronized void deletePassword(String profileName) {
            passwords.remove(profileName);
        }
    }
}
