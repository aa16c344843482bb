package io.pulseboard;

import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.feed.MetricsFeed;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.postgres.AlertLog;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.ui.alerts.AlertSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Alerts screen's sources (part of the composition root): PostgreSQL's alert log when the session
 * has a reference database, otherwise the alerts of the session's feed, read-only.
 */
final class AlertSources {

    /** The most rows the screen lists. */
    static final int ROWS = 500;

    private AlertSources() {}

    /** Who acknowledges: the operating system's user name, as the desktop knows it. */
    static String desktopUser() {
        String name = System.getProperty("user.name", "");
        return name.isBlank() ? "desktop user" : name;
    }

    /** The alert log in {@code database}; reads and acknowledgements on {@code io}. */
    static AlertSource log(PostgresConnection database, Executor io, Clock clock, String user) {
        AlertLog log = new AlertLog(database);
        return new AlertSource() {
            @Override
            public CompletableFuture<List<LoggedAlert>> recent() {
                return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return log.recent(ROWS);
                            } catch (SQLException e) {
                                throw new IllegalStateException(
                                        "PostgreSQL at " + database.jdbcUrl() + ": " + e.getMessage(), e);
                            }
                        },
                        io);
            }

            @Override
            public CompletableFuture<AlertLog.Outcome> acknowledge(String alertId, String note) {
                return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return log.acknowledge(alertId, user, note, clock.instant());
                            } catch (SQLException e) {
                                throw new IllegalStateException(
                                        "PostgreSQL at " + database.jdbcUrl() + " did not take it: " + e.getMessage(),
                                        e);
                            }
                        },
                        io);
            }

            @Override
            public Optional<String> readOnlyReason() {
                return Optional.empty();
            }

            @Override
            public String user() {
                return user;
            }
        };
    }

    /**
     * The alerts the feed holds (the newest event of each of the last 100), for a session without an
     * alert log; nothing can be acknowledged.
     */
    static AlertSource feed(MetricsFeed feed) {
        return new FeedSource(feed);
    }

    /** The feed's alerts, as of its latest snapshot. */
    private record FeedSource(MetricsFeed feed) implements AlertSource {

        @Override
        public CompletableFuture<List<LoggedAlert>> recent() {
            List<LoggedAlert> rows = feed.latest().map(PipelineSnapshot::business).stream()
                    .flatMap(b -> b.alerts().stream())
                    .map(LoggedAlert::of)
                    .sorted(Comparator.comparing((LoggedAlert a) -> !a.state().open()))
                    .toList();
            return CompletableFuture.completedFuture(rows);
        }

        @Override
        public CompletableFuture<AlertLog.Outcome> acknowledge(String alertId, String note) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(readOnlyReason().orElseThrow()));
        }

        @Override
        public Optional<String> readOnlyReason() {
            return Optional.of("This session has no PostgreSQL alert log: these are the alerts seen since the app"
                    + " opened, and acknowledging needs the log.");
        }

        @Override
        public String user() {
            return desktopUser();
        }
    }
}
