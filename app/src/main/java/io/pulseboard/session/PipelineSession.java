package io.pulseboard.session;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.feed.MetricsFeed;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.runtime.PipelineRuntime;
import java.util.Optional;

/**
 * A session that runs the metrics pipeline in this process: what the dashboard, the History screen
 * and the headless commands read once {@link #start()} has returned. The accessors throw {@link
 * IllegalStateException} before a successful start.
 */
public interface PipelineSession extends Session {

    /** @return how the dashboard names the mode, e.g. "Local demo" or "Remote: prod"; never null */
    String modeLabel();

    /** @return the configuration the pipeline runs with (endpoints filled in); never null */
    PulseboardConfig config();

    /** @return the running pipeline; never null */
    PipelineRuntime runtime();

    /** @return the pipeline's snapshots, published about once a second; never null */
    default MetricsFeed feed() {
        return runtime().feed();
    }

    /**
     * @return the history store the session opened and handed to the pipeline's sink, for the History
     *     screen; empty when the mode keeps no history. Thread-safe; queries block
     */
    Optional<HistoryStore> history();

    /** @return the event generator of a demo mode; empty where events come from elsewhere */
    Optional<DemoGenerator> generator();

    /**
     * @return the PostgreSQL database of the reference data (exchange rates, products, regions and their
     *     targets), where the app writes an analyst's target edits; empty when the mode has none
     */
    default Optional<PostgresConnection> referenceDatabase() {
        return Optional.empty();
    }
}
