package io.pulseboard.ui.history;

import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.BucketRow;
import io.pulseboard.history.HistoryStore.TimeRange;
import io.pulseboard.ui.export.CsvFile;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The History screen's state: a range, a region filter and a comparison choice in; a chart series
 * pair and table rows out. Queries run on {@code io}; results and errors are applied on the FX
 * executor (tests pass {@code Runnable::run} for both).
 */
public final class HistoryViewModel {

    /** The ranges offered, each with its bucket. */
    public enum RangeChoice {
        LAST_HOUR("Last hour", Duration.ofHours(1), Bucket.MINUTE),
        LAST_24_HOURS("Last 24 hours", Duration.ofHours(24), Bucket.FIVE_MINUTES),
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7), Bucket.HOUR),
        CUSTOM("Custom", Duration.ZERO, Bucket.HOUR);

        private final String label;
        private final Duration length;
        private final Bucket bucket;

        RangeChoice(String label, Duration length, Bucket bucket) {
            this.label = label;
            this.length = length;
            this.bucket = bucket;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What the range is compared with. */
    public enum CompareChoice {
        NONE("No comparison", Duration.ZERO),
        PREVIOUS_PERIOD("Previous period", Duration.ZERO),
        YESTERDAY("Same time yesterday", Duration.ofDays(1));

        private final String label;
        private final Duration shift;

        CompareChoice(String label, Duration shift) {
            this.label = label;
            this.shift = shift;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One table row.
     *
     * @param start the bucket's start
     * @param bucket the start as shown, with its date, in the chosen zone; "(partial)" after the bucket
     *     that is still filling
     * @param partial whether the bucket is still filling (it contains the present)
     */
    public record Row(
            Instant start,
            String bucket,
            String region,
            BigDecimal revenue,
            long orders,
            long units,
            boolean partial) {}

    /**
     * One chart point: all selected regions together.
     *
     * @param partial whether its bucket is still filling: drawn dashed, never read as a drop
     */
    public record Point(String label, BigDecimal revenue, boolean partial) {}

    /** Bucket starts on the axis and in the table: the date and the time, in the chosen zone. */
    static final String SHOWN_FORMAT = "yyyy-MM-dd HH:mm";

    private final Supplier<Optional<HistoryStore>> store;
    private final Clock clock;
    private final Executor io;
    private final Executor fx;
    private final ObjectProperty<RangeChoice> range = new SimpleObjectProperty<>(RangeChoice.LAST_HOUR);
    private final ObjectProperty<CompareChoice> compare = new SimpleObjectProperty<>(CompareChoice.NONE);
    private final ObjectProperty<Instant> customFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> customTo = new SimpleObjectProperty<>();
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneId.systemDefault());
    private final ObjectProperty<DisplayFormat> format = new SimpleObjectProperty<>();
    private final ObservableSet<String> regions = FXCollections.observableSet(new TreeSet<>());
    private final ObservableList<String> knownRegions = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Point> current = FXCollections.observableArrayList();
    private final ObservableList<Point> previous = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timeHeading = new ReadOnlyStringWrapper("");

    public HistoryViewModel(Supplier<Optional<HistoryStore>> store, Clock clock, Executor io, Executor fx) {
        this.store = store;
        this.clock = clock;
        this.io = io;
        this.fx = fx;
        timeHeading.bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Bucket start (" + zone.get().getId() + ")", zone));
    }

    /** The range the current choices stand for, half-open, ending after the current bucket. */
    public TimeRange timeRange() {
        RangeChoice choice = range.get();
        if (choice == RangeChoice.CUSTOM) {
            if (customFrom.get() == null
                    || customTo.get() == null
                    || !customFrom.get().isBefore(customTo.get())) {
                throw new IllegalArgumentException("Choose a custom start before its end");
            }
            return new TimeRange(customFrom.get(), customTo.get());
        }
        Instant end = choice.bucket.startOf(clock.instant()).plus(choice.bucket.length());
        return new TimeRange(end.minus(choice.length), end);
    }

    public Bucket bucket() {
        RangeChoice choice = range.get();
        if (choice != RangeChoice.CUSTOM) {
            return choice.bucket;
        }
        Duration length = Duration.between(customFrom.get(), customTo.get());
        return length.compareTo(Duration.ofHours(2)) <= 0
                ? Bucket.MINUTE
                : length.compareTo(Duration.ofDays(2)) <= 0 ? Bucket.FIVE_MINUTES : Bucket.HOUR;
    }

    /** Runs the query off the FX thread; the result or the error arrives on the FX executor. */
    public CompletableFuture<Void> refresh() {
        Optional<HistoryStore> history = store.get();
        if (history.isEmpty()) {
            error.set("No history store is configured for this session.");
            return CompletableFuture.completedFuture(null);
        }
        TimeRange r;
        try {
            r = timeRange();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Bucket b = bucket();
        Set<String> filter = Set.copyOf(regions);
        CompareChoice c = compare.get();
        Duration shift = c == CompareChoice.PREVIOUS_PERIOD ? Duration.between(r.from(), r.to()) : c.shift;
        loading.set(true);
        error.set("");
        return CompletableFuture.supplyAsync(
                        () -> c == CompareChoice.NONE
                                ? new HistoryStore.Comparison(history.get().salesByBucket(r, b, filter), List.of())
                                : history.get().compare(r, b, filter, shift),
                        io)
                .handleAsync(
                        (result, failure) -> {
                            loading.set(false);
                            if (failure != null) {
                                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                        ? failure.getCause()
                                        : failure;
                                error.set("History store unreachable: " + cause.getMessage());
                            } else {
                                apply(result, r, b, shift);
                            }
                            return null;
                        },
                        fx);
    }

    private void apply(HistoryStore.Comparison result, TimeRange r, Bucket b, Duration shift) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(SHOWN_FORMAT).withZone(zone.get());
        // The bucket holding the present is still filling: its sum is not comparable with full ones.
        Instant partialStart = b.startOf(clock.instant());
        Set<Instant> partial =
                r.to().isAfter(clock.instant()) && !partialStart.isBefore(r.from()) ? Set.of(partialStart) : Set.of();
        rows.setAll(result.current().stream()
                .map(row -> {
                    boolean filling = partial.contains(row.bucketStart());
                    return new Row(
                            row.bucketStart(),
                            format.format(row.bucketStart()) + (filling ? " (partial)" : ""),
                            row.region(),
                            row.revenue(),
                            row.orders(),
                            row.units(),
                            filling);
                })
                .toList());
        current.setAll(totals(result.current(), Duration.ZERO, format, partial, true));
        // The comparison's bucket at that moment is complete, but it must carry the same label, or the
        // category axis makes two positions for one moment.
        previous.setAll(totals(result.previous(), shift, format, partial, false));
        Set<String> seen = new TreeSet<>(knownRegions);
        result.current().forEach(row -> seen.add(row.region()));
        knownRegions.setAll(seen);
        BigDecimal total = result.current().stream().map(BucketRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal before = result.previous().stream().map(BucketRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean partialShown = current.stream().anyMatch(Point::partial);
        DisplayFormat f = format();
        summary.set("Revenue " + f.money(total) + " in " + f.count(current.size()) + " buckets"
                + (result.previous().isEmpty() && compare.get() == CompareChoice.NONE
                        ? ""
                        : " | comparison " + f.money(before))
                + (partialShown
                        ? " | "
                                + DateTimeFormatter.ofPattern("HH:mm")
                                        .withZone(zone.get())
                                        .format(partialStart) + " is still filling (dashed)"
                        : ""));
    }

    /**
     * Sums all regions per bucket; previous-period buckets are moved forward onto the current axis.
     *
     * @param partial the bucket (on the current axis) still filling: labelled "(partial)"
     * @param marked whether those points are drawn as partial (the current series), or only share the label
     */
    private static List<Point> totals(
            List<BucketRow> rows, Duration shift, DateTimeFormatter format, Set<Instant> partial, boolean marked) {
        Map<Instant, BigDecimal> byBucket = new TreeMap<>();
        rows.forEach(row -> byBucket.merge(row.bucketStart().plus(shift), row.revenue(), BigDecimal::add));
        List<Point> points = new ArrayList<>();
        byBucket.forEach((start, revenue) -> points.add(
                partial.contains(start)
                        ? new Point(format.format(start) + " (partial)", revenue, marked)
                        : new Point(format.format(start), revenue, false)));
        return points;
    }

    /**
     * The table rows as CSV (header first): the bucket start as an ISO-8601 date-time with the chosen
     * zone's offset, and whether the bucket was still filling when queried.
     */
    public List<String> csvRows() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone.get());
        List<String> lines = new ArrayList<>();
        // Plain machine-readable values; the header names the unit.
        lines.add("bucket_start,region,revenue_" + format().currencyCode() + ",orders,units,partial");
        rows.forEach(r -> lines.add(iso.format(r.start()) + "," + r.region() + ","
                + r.revenue().toPlainString() + "," + r.orders() + "," + r.units() + "," + r.partial()));
        return lines;
    }

    /** Writes {@link #csvRows()} off the FX thread. */
    public CompletableFuture<Path> exportCsv(Path file) {
        List<String> lines = csvRows();
        return CompletableFuture.supplyAsync(
                () -> {
                    CsvFile.write(file, lines);
                    return file;
                },
                io);
    }

    public ObjectProperty<RangeChoice> rangeProperty() {
        return range;
    }

    public ObjectProperty<CompareChoice> compareProperty() {
        return compare;
    }

    public ObjectProperty<Instant> customFromProperty() {
        return customFrom;
    }

    public ObjectProperty<Instant> customToProperty() {
        return customTo;
    }

    /**
     * The locale and reporting currency the screen writes numbers in; bind it to the dashboard's
     * before the first {@link #refresh()}.
     */
    public ObjectProperty<DisplayFormat> formatProperty() {
        return format;
    }

    private DisplayFormat format() {
        return Objects.requireNonNull(
                format.get(), "HistoryViewModel.formatProperty() is not set: bind it to the dashboard's format");
    }

    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public ObservableSet<String> selectedRegions() {
        return regions;
    }

    public ObservableList<String> knownRegions() {
        return knownRegions;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<Point> current() {
        return current;
    }

    public ObservableList<Point> previous() {
        return previous;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The heading of the time axis and column, naming the zone, e.g. "Bucket start (Asia/Tokyo)". */
    public ReadOnlyStringProperty timeHeadingProperty() {
        return timeHeading.getReadOnlyProperty();
    }
}
