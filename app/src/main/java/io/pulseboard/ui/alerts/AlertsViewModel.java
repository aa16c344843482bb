package io.pulseboard.ui.alerts;

import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.ui.export.CsvFile;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Alerts screen: the alert log (or, without one, the alerts seen since the app opened), filtered
 * by state and by text, acknowledged with a note, exported as CSV. Reads run on the source's
 * executor and land on the FX thread ({@code fxExecutor}); a read that fails keeps the rows shown and
 * says why. FX thread.
 */
public final class AlertsViewModel {

    /** Which states the table lists. */
    public enum StateFilter {
        OPEN("Open (firing or acknowledged)", s -> s.open()),
        FIRING("Firing, not acknowledged", s -> s == LoggedAlert.State.FIRING),
        ACKNOWLEDGED("Acknowledged", s -> s == LoggedAlert.State.ACKNOWLEDGED),
        RESOLVED("Resolved", s -> s == LoggedAlert.State.RESOLVED),
        ALL("All", s -> true);

        private final String label;
        private final Predicate<LoggedAlert.State> test;

        StateFilter(String label, Predicate<LoggedAlert.State> test) {
            this.label = label;
            this.test = test;
        }

        boolean test(LoggedAlert.State state) {
            return test.test(state);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final AlertSource source;
    private final Clock clock;
    private final Executor io;
    private final Executor fxExecutor;
    private final ObservableList<LoggedAlert> all = FXCollections.observableArrayList();
    private final FilteredList<LoggedAlert> shown = new FilteredList<>(all);
    private final ObservableList<LoggedAlert> shownView = FXCollections.unmodifiableObservableList(shown);
    private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(StateFilter.ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneId.systemDefault());
    private final ObjectProperty<DisplayFormat> format;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Loading alerts…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private boolean refreshAgain;
    private Instant loadedAt;

    /**
     * @param io writes the CSV file
     * @param fxExecutor runs the outcomes of reads and acknowledgements on the FX thread
     */
    public AlertsViewModel(AlertSource source, DisplayFormat format, Clock clock, Executor io, Executor fxExecutor) {
        this.source = Objects.requireNonNull(source, "source");
        this.format = new SimpleObjectProperty<>(Objects.requireNonNull(format, "format"));
        this.clock = clock;
        this.io = io;
        this.fxExecutor = fxExecutor;
        filter.addListener((obs, was, now) -> applyFilter());
        search.addListener((obs, was, now) -> applyFilter());
        zone.addListener((obs, was, now) -> summarize());
    }

    /** Reads the alerts again; a read already under way is followed by one more, not doubled. */
    public void refresh() {
        if (loading.get()) {
            refreshAgain = true;
            return;
        }
        loading.set(true);
        source.recent().whenCompleteAsync(this::loaded, fxExecutor);
    }

    private void loaded(List<LoggedAlert> rows, Throwable failure) {
        loading.set(false);
        if (failure != null) {
            error.set("Cannot read the alerts: " + cause(failure).getMessage());
        } else {
            error.set("");
            if (!rows.equals(all)) {
                all.setAll(rows);
            }
            loadedAt = clock.instant();
            summarize();
        }
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    /**
     * Acknowledges {@code alert} with {@code note}, then reads the log again.
     *
     * @return completes on the FX thread with the line the screen shows about it
     */
    public CompletableFuture<String> acknowledge(LoggedAlert alert, String note) {
        Optional<String> reason = acknowledgeRefusal(alert);
        if (reason.isPresent()) {
            message.set(reason.get());
            return CompletableFuture.completedFuture(reason.get());
        }
        CompletableFuture<String> done = new CompletableFuture<>();
        source.acknowledge(alert.alertId(), note)
                .whenCompleteAsync(
                        (outcome, failure) -> {
                            String line = failure != null
                                    ? "Not acknowledged: " + cause(failure).getMessage()
                                    : switch (outcome) {
                                        case ACKNOWLEDGED ->
                                            "Acknowledged " + alert.ruleName() + " in " + alert.region() + " as "
                                                    + source.user();
                                        case ALREADY_ACKNOWLEDGED ->
                                            "Someone acknowledged it already; their note is kept";
                                        case ALREADY_RESOLVED -> "It resolved before the acknowledgement arrived";
                                        case UNKNOWN -> "The alert log has no alert " + alert.alertId();
                                    };
                            message.set(line);
                            refresh();
                            done.complete(line);
                        },
                        fxExecutor);
        return done;
    }

    /** @return why {@code alert} cannot be acknowledged here, or empty when it can */
    public Optional<String> acknowledgeRefusal(LoggedAlert alert) {
        if (source.readOnlyReason().isPresent()) {
            return source.readOnlyReason();
        }
        if (alert == null) {
            return Optional.of("Select a firing alert to acknowledge it");
        }
        return switch (alert.state()) {
            case FIRING -> Optional.empty();
            case ACKNOWLEDGED ->
                Optional.of("Already acknowledged by " + alert.acknowledgedBy().orElse("someone"));
            case RESOLVED -> Optional.of("Resolved alerts need no acknowledgement");
        };
    }

    private void applyFilter() {
        StateFilter states = filter.get();
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(a -> states.test(a.state())
                && (text.isEmpty()
                        || (a.ruleName() + " " + a.ruleId() + " " + a.region() + " " + a.message() + " " + a.note()
                                        + " " + a.acknowledgedBy().orElse(""))
                                .toLowerCase(Locale.ROOT)
                                .contains(text)));
        summarize();
    }

    private void summarize() {
        long firing =
                all.stream().filter(a -> a.state() == LoggedAlert.State.FIRING).count();
        long acknowledged = all.stream()
                .filter(a -> a.state() == LoggedAlert.State.ACKNOWLEDGED)
                .count();
        long resolved = all.size() - firing - acknowledged;
        DisplayFormat f = format.get();
        String counts = f.count(firing) + " firing · " + f.count(acknowledged) + " acknowledged · " + f.count(resolved)
                + " resolved";
        String listed = shown.size() == all.size() ? "" : "; " + f.count(shown.size()) + " listed";
        String when = loadedAt == null ? "" : "; read " + time(loadedAt);
        summary.set(counts + listed + when);
    }

    /** @return the listed alerts as CSV: a header, then one line per alert, times in ISO-8601 with the zone's offset */
    public List<String> csvRows() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone.get());
        List<String> lines = new ArrayList<>();
        lines.add("alert_id,state,severity,region,rule_id,rule_name,message,fired_at,fired_value,threshold,"
                + "resolved_at,resolved_value,acknowledged_by,acknowledged_at,note");
        for (LoggedAlert a : shown) {
            lines.add(String.join(
                    ",",
                    CsvFile.field(a.alertId()),
                    a.state().name(),
                    a.severity().map(Enum::name).orElse(""),
                    CsvFile.field(a.region()),
                    CsvFile.field(a.ruleId()),
                    CsvFile.field(a.ruleName()),
                    CsvFile.field(a.message()),
                    iso.format(a.firedAt()),
                    a.firedValue().map(BigDecimal::toPlainString).orElse(""),
                    a.threshold().map(BigDecimal::toPlainString).orElse(""),
                    a.resolvedAt().map(iso::format).orElse(""),
                    a.resolvedValue().map(BigDecimal::toPlainString).orElse(""),
                    CsvFile.field(a.acknowledgedBy().orElse("")),
                    a.acknowledgedAt().map(iso::format).orElse(""),
                    CsvFile.field(a.note())));
        }
        return lines;
    }

    /** Writes {@link #csvRows()} off the FX thread; the outcome's line is shown as the screen's message. */
    public CompletableFuture<Path> exportCsv(Path file) {
        List<String> lines = csvRows();
        int count = lines.size() - 1;
        return CompletableFuture.supplyAsync(
                        () -> {
                            CsvFile.write(file, lines);
                            return file;
                        },
                        io)
                .whenCompleteAsync(
                        (written, failure) -> message.set(
                                failure == null
                                        ? "Exported " + format.get().count(count) + " alert(s) to " + written
                                        : "Export failed: " + cause(failure).getMessage()),
                        fxExecutor);
    }

    /** @return a time in the screen's zone, e.g. {@code 2026-12-02 14:02:07} */
    public String time(Instant at) {
        return CLOCK.format(at.atZone(zone.get()));
    }

    /** @return a value as the log holds it: a whole number as a count, otherwise with two decimals */
    public String value(BigDecimal value) {
        DisplayFormat f = format.get();
        return value.stripTrailingZeros().scale() <= 0 ? f.count(value.longValue()) : f.decimal(value, 2);
    }

    private static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** @return the listed alerts (after the filter and the search), in the log's order */
    public ObservableList<LoggedAlert> shown() {
        return shownView;
    }

    public ObjectProperty<StateFilter> filterProperty() {
        return filter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public ObjectProperty<DisplayFormat> formatProperty() {
        return format;
    }

    /** @return e.g. {@code 2 firing · 1 acknowledged · 7 resolved; read 14:02:07} */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return the outcome of the last acknowledgement or export */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return why the last read failed, or empty */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** @return why acknowledgements cannot be made, or empty when they can */
    public Optional<String> readOnlyReason() {
        return source.readOnlyReason();
    }

    /** @return who acknowledges */
    public String user() {
        return source.user();
    }
}
