package io.pulseboard.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.cli.DemoCommand;
import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.duckdb.DuckDbHistoryStore;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStackFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local demo on an empty data directory: real in-JVM Kafka, redis-server, DuckDB. */
class LocalDemoSessionIT {

    @TempDir
    Path temp;

    private AppDirectories directories;
    private final List<String> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyDataHome() {
        System.setProperty(
                AppDirectories.DATA_HOME_PROPERTY, temp.resolve("data").toString());
        directories = AppDirectories.detect();
    }

    @AfterEach
    void clearDataHome() {
        System.clearProperty(AppDirectories.DATA_HOME_PROPERTY);
    }

    @Test
    void startsEveryPartAndHandsTheHistoryStoreOpenedAlongsideKafkaToTheRuntime() throws Exception {
        Path historyFile = directories.dataHome().resolve("history").resolve("history.duckdb");
        try (LocalDemoSession session = newSession()) {
            session.start();

            assertThat(session.runtime().orElseThrow().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(session.history()).isPresent();
            assertThat(session.config().orElseThrow().history().duckdbFile()).contains(historyFile);
            assertThat(session.generator()).isPresent();
        }
        for (SessionPart part : SessionPart.values()) {
            assertThat(steps).as(part + " became ready").contains(part + ":" + PartState.READY);
        }
        // Closing the session closed the store: DuckDB locks its file while it is open.
        try (HistoryStore reopened = new DuckDbHistoryStore(historyFile)) {
            assertThat(reopened).isNotNull();
        }
    }

    @Test
    void aHistoryStoreThatCannotOpenFailsTheStartAndCloseStopsWhatDidStart() throws Exception {
        // A directory where the DuckDB file should be: DuckDB cannot open it.
        Files.createDirectories(directories.dataHome().resolve("history").resolve("history.duckdb"));
        LocalDemoSession session = newSession();

        assertThatThrownBy(session::start).isInstanceOf(RuntimeException.class);
        session.close();

        assertThat(steps).contains(SessionPart.HISTORY + ":" + PartState.FAILED);
        assertThat(session.runtime()).isEmpty();
        assertThat(ChildProcesses.redis())
                .as("redis-server processes after close")
                .isEmpty();
    }

    private LocalDemoSession newSession() {
        PulseboardConfig loaded = ConfigLoader.load(
                Optional.empty(),
                System.getenv(),
                LocalDemoSession.EMBEDDED_KEY_DEFAULTS,
                DemoCommand.demoKeys(500, 1L));
        return new LocalDemoSession(
                loaded,
                LocalStackFactory.inAppData(directories),
                directories,
                Clock.systemUTC(),
                (part, state, message) -> steps.add(part + ":" + state));
    }
}
