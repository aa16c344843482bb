package io.pulseboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.postgres.AlertLog;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.session.LocalDemoSession;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.session.SessionFactory.ConfigSource;
import io.pulseboard.session.SessionListener;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.ui.alerts.AlertsViewModel;
import io.pulseboard.ui.format.DisplayFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local demo's real Kafka, PostgreSQL and generator, with the Alerts screen's view model over the
 * session's alert log as the app builds it: a rule inserted in PostgreSQL while the pipeline runs
 * fires on the generated sales, reaches the log and the view model, and an acknowledgement made
 * through the view model is the state in PostgreSQL.
 */
class AlertsFromTheAppIT {

    @TempDir
    Path temp;

    /** Stands for the FX thread: every call on the view model, and its outcomes, run here. */
    private final ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-fx"));

    private final ExecutorService worker = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        fx.shutdownNow();
        worker.shutdownNow();
    }

    @Test
    void aRuleInsertedInPostgresFiresOnTheDemoTrafficAndIsAcknowledgedFromTheApp() throws Exception {
        SessionFactory sessions =
                new SessionFactory(AppDirectories.at(temp.resolve("data")), Map.of(), Clock.systemUTC());
        try (LocalDemoSession session = sessions.localDemo(
                new ConfigSource(
                        Optional.empty(), Map.of("pulseboard.generator.rate", "500", "pulseboard.generator.seed", "7")),
                SessionListener.NONE)) {
            session.start();
            PostgresConnection database = session.referenceDatabase().orElseThrow();
            AlertsViewModel vm = onFx(() -> new AlertsViewModel(
                    AlertSources.log(database, worker, Clock.systemUTC(), "ana"),
                    DisplayFormat.of(Locale.US, "USD"),
                    Clock.systemUTC(),
                    worker,
                    fx));
            await(
                    () -> session.feed()
                            .latest()
                            .filter(s -> !s.trailingWindowByRegion().isEmpty()),
                    "live metrics");

            try (Connection c = database.open();
                    Statement insert = c.createStatement()) {
                insert.executeUpdate("INSERT INTO alert_rules (rule_id, name, metric, scope, condition, threshold,"
                        + " severity) VALUES ('it-eu-units', 'EU-WEST units, IT', 'REGION_UNITS', 'EU-WEST',"
                        + " 'ABOVE', 1, 'CRITICAL')");
            }
            long inserted = System.nanoTime();
            LoggedAlert listed = await(
                    () -> {
                        onFx(() -> {
                            vm.refresh();
                            return null;
                        });
                        return onFx(() -> vm.shown().stream()
                                .filter(a -> a.ruleId().equals("it-eu-units"))
                                .findFirst());
                    },
                    "the new rule's alert in the Alerts view model");
            long inViewModel = System.nanoTime();
            await(
                    () -> session.feed().latest().stream()
                            .flatMap(s -> s.business().alerts().stream())
                            .filter(e -> e.ruleId().equals("it-eu-units"))
                            .findFirst(),
                    "the alert in the feed");
            System.out.printf(
                    "AlertsFromTheAppIT: rule committed in PostgreSQL -> alert in the Alerts view model: %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(inViewModel - inserted));

            assertThat(listed.state()).isEqualTo(LoggedAlert.State.FIRING);
            assertThat(listed.region()).isEqualTo("EU-WEST");
            assertThat(listed.severity()).contains(AlertRule.Severity.CRITICAL);
            assertThat(listed.alertId()).startsWith("it-eu-units|EU-WEST|");

            String outcome = onFx(() -> vm.acknowledge(listed, "on it, IT")).get(30, TimeUnit.SECONDS);
            assertThat(outcome).isEqualTo("Acknowledged EU-WEST units, IT in EU-WEST as ana");
            try (Connection c = database.open();
                    Statement query = c.createStatement();
                    ResultSet row = query.executeQuery(
                            "SELECT state, acknowledged_by, note, acknowledged_at IS NOT NULL FROM alert_log"
                                    + " WHERE alert_id = '" + listed.alertId() + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("ACKNOWLEDGED");
                assertThat(row.getString(2)).isEqualTo("ana");
                assertThat(row.getString(3)).isEqualTo("on it, IT");
                assertThat(row.getBoolean(4)).isTrue();
            }
            LoggedAlert reread = await(
                    () -> onFx(() -> vm.shown().stream()
                            .filter(a ->
                                    a.alertId().equals(listed.alertId()) && a.state() == LoggedAlert.State.ACKNOWLEDGED)
                            .findFirst()),
                    "the acknowledgement in the view model");
            assertThat(reread.acknowledgedBy()).contains("ana");
            assertThat(onFx(() -> vm.acknowledgeRefusal(reread))).contains("Already acknowledged by ana");
            assertThat(new AlertLog(database).acknowledge(listed.alertId(), "bob", "", java.time.Instant.now()))
                    .isEqualTo(AlertLog.Outcome.ALREADY_ACKNOWLEDGED);
        }
    }

    private <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        return fx.submit(call).get(30, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface Reading<T> {
        Optional<T> read() throws Exception;
    }

    /** Waits on a reading with a 60 s deadline, looking every 100 ms. */
    private static <T> T await(Reading<T> reading, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<T> value = reading.read();
            if (value.isPresent()) {
                return value.get();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no " + what + " within 60 s");
    }
}
