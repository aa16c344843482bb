package io.pulseboard.ui.dashboard;

import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import io.pulseboard.ui.dashboard.DashboardRows.CustomerRow;
import io.pulseboard.ui.dashboard.DashboardRows.ReasonCount;
import io.pulseboard.ui.dashboard.DashboardRows.RegionBar;
import io.pulseboard.ui.dashboard.DashboardRows.ScoreBucket;
import io.pulseboard.ui.dashboard.DashboardRows.TrendPoint;
import io.pulseboard.ui.export.CsvFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live dashboard's state. Pipeline threads hand snapshots to {@link #accept} (kept, never
 * applied there); the UI cadence calls {@link #pulse()} on the FX thread at a fixed rate, which
 * applies only the newest snapshot, so a burst of snapshots costs one update. Lists are replaced
 * with {@code setAll} once per pulse; series are bounded.
 *
 * <p>The session's reports of its parts reach {@link #onPart} the same way: the Redis and history
 * lights follow the sinks' health, except while the local stack reports that part's server down or
 * being restarted, when they say so with the stack's reason.
 */
public final class DashboardViewModel {

    /** Points kept for the events/s sparklines (one per applied snapshot). */
    static final int SPARKLINE_POINTS = 60;
    /** Windows shown in the revenue trend: the last hour, one per minute. */
    static final int TREND_POINTS = 60;

    private final AtomicReference<PipelineSnapshot> pending = new AtomicReference<>();
    private final AtomicReference<PartReport> redisPart = new AtomicReference<>();
    private final AtomicReference<PartReport> historyPart = new AtomicReference<>();
    private final Optional<IntConsumer> rateControl;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ZoneId> zone = new ReadOnlyObjectWrapper<>(ZoneId.systemDefault());
    private final ReadOnlyLongWrapper generatorRate = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper eventsIn = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper eventsOut = new ReadOnlyDoubleWrapper();
    private final ObservableList<Double> eventsInHistory = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<Double> eventsInHistoryView =
            FXCollections.unmodifiableObservableList(eventsInHistory);
    private final ReadOnlyObjectWrapper<BigDecimal> windowRevenue = new ReadOnlyObjectWrapper<>(BigDecimal.ZERO);
    private final ReadOnlyLongWrapper windowOrders = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper revenueChangePercent = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper ordersChangePercent = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper windowLabel = new ReadOnlyStringWrapper("");
    private final ObservableList<RegionBar> regions = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<RegionBar> regionsView = FXCollections.unmodifiableObservableList(regions);
    private final ObservableList<TrendPoint> revenueTrend = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<TrendPoint> revenueTrendView = FXCollections.unmodifiableObservableList(revenueTrend);
    private final ObservableList<CustomerRow> topCustomers = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<CustomerRow> topCustomersView = FXCollections.unmodifiableObservableList(topCustomers);
    private final ObservableList<ScoreBucket> scoreDistribution = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<ScoreBucket> scoreDistributionView =
            FXCollections.unmodifiableObservableList(scoreDistribution);
    private final ObservableList<ReasonCount> deadLetterReasons = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<ReasonCount> deadLetterReasonsView =
            FXCollections.unmodifiableObservableList(deadLetterReasons);
    private final ReadOnlyLongWrapper deadLetters = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper deadLetterRate = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper lateRecords = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper streamsState = new ReadOnlyStringWrapper("STARTING");
    private final ReadOnlyLongWrapper lagRecords = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper lagSeconds = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper lagUnknown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper latencyP99 = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<StatusLight> kafkaLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("starting"));
    private final ReadOnlyObjectWrapper<StatusLight> redisLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("not configured"));
    private final ReadOnlyObjectWrapper<StatusLight> historyLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("not configured"));
    private final ReadOnlyStringWrapper lastUpdated = new ReadOnlyStringWrapper("waiting for the first metrics");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper appliedSnapshots = new ReadOnlyLongWrapper();
    private final Deque<Double> inHistory = new ArrayDeque<>();
    private PipelineSnapshot shown;
    private long previousDeadLetters = -1;
    private Instant previousTakenAt;

    /**
     * @param rateControl sets the generator's rate (local demo); empty for a remote session
     * @param initialRate the generator's configured rate, shown until changed
     */
    public DashboardViewModel(Optional<IntConsumer> rateControl, long initialRate) {
        this.rateControl = rateControl;
        this.generatorRate.set(initialRate);
    }

    /** Keeps the newest snapshot for the next pulse. Any thread; never touches properties. */
    public void accept(PipelineSnapshot snapshot) {
        pending.set(snapshot);
    }

    /** The newest step the session reported for a part, e.g. the stack restarting Redis. */
    private record PartReport(PartState state, String message) {}

    /**
     * Keeps a session's report of one of its parts for the next pulse (only Redis and the history
     * store have a light). Any thread; never touches properties.
     */
    public void onPart(SessionPart part, PartState state, String message) {
        switch (part) {
            case REDIS -> redisPart.set(new PartReport(state, message));
            case HISTORY -> historyPart.set(new PartReport(state, message));
            default -> {}
        }
    }

    /** Applies the newest snapshot and part reports if there are any and the view is not paused. FX thread. */
    public void pulse() {
        if (paused.get()) {
            return;
        }
        PipelineSnapshot snapshot = pending.getAndSet(null);
        if (snapshot != null) {
            apply(snapshot);
        }
        applySinkLights();
    }

    public void setPaused(boolean pause) {
        paused.set(pause);
    }

    /** Shows every time in {@code newZone}; re-labels what is already shown. */
    public void setZone(ZoneId newZone) {
        zone.set(newZone);
        if (shown != null) {
            applyWindows(shown);
            lastUpdated.set("updated " + time(shown.takenAt(), "HH:mm:ss"));
        }
    }

    /** The snapshot on screen now. FX thread. */
    public Optional<PipelineSnapshot> shownSnapshot() {
        return Optional.ofNullable(shown);
    }

    public boolean rateAdjustable() {
        return rateControl.isPresent();
    }

    /** Changes the demo generator's rate; ignored for a remote session. */
    public void setGeneratorRate(int eventsPerSecond) {
        rateControl.ifPresent(control -> {
            control.accept(eventsPerSecond);
            generatorRate.set(eventsPerSecond);
        });
    }

    private void apply(PipelineSnapshot s) {
        eventsIn.set(s.eventsInPerSecond());
        eventsOut.set(s.metricsOutPerSecond());
        inHistory.addLast(s.eventsInPerSecond());
        while (inHistory.size() > SPARKLINE_POINTS) {
            inHistory.removeFirst();
        }
        eventsInHistory.setAll(inHistory);
        applyWindows(s);
        applyEngagement(s.topCustomers(), s.engagementDistribution());
        applyQuality(s);
        applyHealth(s);
        lastUpdated.set("updated " + time(s.takenAt(), "HH:mm:ss"));
        shown = s;
        appliedSnapshots.set(appliedSnapshots.get() + 1);
    }

    private void applyWindows(PipelineSnapshot s) {
        Map<String, SalesWindowMetric> trailing = s.trailingWindowByRegion();
        BigDecimal revenue = BigDecimal.ZERO;
        long orders = 0;
        List<RegionBar> bars = new ArrayList<>();
        Instant start = null;
        for (Map.Entry<String, SalesWindowMetric> e : new TreeMap<>(trailing).entrySet()) {
            revenue = revenue.add(e.getValue().revenue());
            orders += e.getValue().count();
            bars.add(new RegionBar(
                    e.getKey(), e.getValue().revenue(), e.getValue().count()));
            start = e.getValue().windowStart();
        }
        bars.sort((a, b) -> b.revenue().compareTo(a.revenue()));
        regions.setAll(bars);
        windowRevenue.set(revenue);
        windowOrders.set(orders);
        if (start != null) {
            windowLabel.set(time(start, "HH:mm") + "-" + time(start.plusSeconds(300), "HH:mm"));
            Instant previousStart = start.minusSeconds(300);
            BigDecimal previousRevenue = BigDecimal.ZERO;
            long previousOrders = 0;
            for (NavigableMap<Instant, SalesWindowMetric> windows : s.regions().values()) {
                SalesWindowMetric m = windows.get(previousStart);
                if (m != null) {
                    previousRevenue = previousRevenue.add(m.revenue());
                    previousOrders += m.count();
                }
            }
            revenueChangePercent.set(change(revenue, previousRevenue));
            ordersChangePercent.set(change(BigDecimal.valueOf(orders), BigDecimal.valueOf(previousOrders)));
        }
        revenueTrend.setAll(trend(s, start));
    }

    /** Revenue of all regions per window start, the last hour up to the trailing window. */
    private List<TrendPoint> trend(PipelineSnapshot s, Instant newest) {
        TreeMap<Instant, BigDecimal> byStart = new TreeMap<>();
        s.regions()
                .values()
                .forEach(windows -> windows.forEach((start, m) -> byStart.merge(start, m.revenue(), BigDecimal::add)));
        NavigableMap<Instant, BigDecimal> shownRange = newest == null ? byStart : byStart.headMap(newest, true);
        List<TrendPoint> points = new ArrayList<>();
        shownRange.descendingMap().entrySet().stream()
                .limit(TREND_POINTS)
                .forEach(e -> points.add(
                        0, new TrendPoint(e.getKey().toEpochMilli(), time(e.getKey(), "HH:mm"), e.getValue())));
        return points;
    }

    private void applyEngagement(List<EngagementScore> top, Map<String, Long> distribution) {
        topCustomers.setAll(top.stream()
                .map(e -> new CustomerRow(e.customerId(), e.score(), e.purchases()))
                .toList());
        scoreDistribution.setAll(distribution.entrySet().stream()
                .map(e -> new ScoreBucket(e.getKey(), e.getValue()))
                .toList());
    }

    private void applyQuality(PipelineSnapshot s) {
        long total = s.deadLetterTotal();
        if (previousDeadLetters >= 0 && previousTakenAt != null && s.takenAt().isAfter(previousTakenAt)) {
            double seconds = (s.takenAt().toEpochMilli() - previousTakenAt.toEpochMilli()) / 1000.0;
            deadLetterRate.set(Math.max(0, (total - previousDeadLetters) / seconds));
        }
        previousDeadLetters = total;
        previousTakenAt = s.takenAt();
        deadLetters.set(total);
        lateRecords.set(s.lateRecords());
        deadLetterReasons.setAll(s.deadLetters().entrySet().stream()
                .map(e -> new ReasonCount(e.getKey().name(), e.getValue()))
                .sorted(java.util.Comparator.comparingLong(ReasonCount::count)
                        .reversed()
                        .thenComparing(ReasonCount::reason))
                .toList());
    }

    private void applyHealth(PipelineSnapshot s) {
        streamsState.set(s.streamsState());
        lagRecords.set(s.consumerLagRecords());
        lagSeconds.set(Double.isInfinite(s.consumerLagSeconds()) ? -1 : s.consumerLagSeconds());
        lagUnknown.set(s.lagUnknownSince().isPresent());
        latencyP99.set(s.latency().samples() == 0 ? -1 : s.latency().p99Ms());
        problem.set(s.error().orElse(""));
        kafkaLight.set(kafkaLight(s));
    }

    private void applySinkLights() {
        if (shown != null) {
            redisLight.set(redisLight(shown.redis()));
            historyLight.set(sinkLight("History", shown.history()));
        }
        serverLight("Redis", redisPart.get()).ifPresent(redisLight::set);
        serverLight("History", historyPart.get()).ifPresent(historyLight::set);
    }

    /**
     * @return the light while the stack reports the part's server down or restarting; empty once it is
     *     ready again (the sink's health then tells)
     */
    static Optional<StatusLight> serverLight(String name, PartReport report) {
        if (report == null) {
            return Optional.empty();
        }
        String reason = report.message().lines().findFirst().orElse("");
        return switch (report.state()) {
            case RESTARTING, FAILED ->
                Optional.of(new StatusLight(StatusLight.Level.FAILED, name + " down: " + reason));
            case STARTING -> Optional.of(new StatusLight(StatusLight.Level.WARNING, name + " " + reason));
            case WAITING, READY, STOPPED -> Optional.empty();
        };
    }

    static StatusLight kafkaLight(PipelineSnapshot s) {
        if (s.streamsState().equals("ERROR") || s.streamsState().startsWith("PENDING_ERROR")) {
            return new StatusLight(StatusLight.Level.FAILED, "Kafka Streams " + s.streamsState());
        }
        if (s.lagUnknownSince().isPresent()) {
            // The pipeline cannot reach the broker: every number on screen is as of that moment.
            return new StatusLight(
                    StatusLight.Level.FAILED, "Kafka unreachable: " + s.error().orElse("offsets cannot be read"));
        }
        if (s.error().isPresent()) {
            return new StatusLight(StatusLight.Level.WARNING, s.error().get());
        }
        if (!s.streamsState().equals("RUNNING")) {
            return new StatusLight(StatusLight.Level.WARNING, "Kafka Streams " + s.streamsState());
        }
        return new StatusLight(StatusLight.Level.OK, "Kafka connected, Streams RUNNING");
    }

    static StatusLight sinkLight(String name, SinkHealth h) {
        return switch (h.state()) {
            case DISABLED -> StatusLight.off(name + " not configured");
            case CONNECTING -> new StatusLight(StatusLight.Level.WARNING, name + " connecting");
            case UP ->
                new StatusLight(StatusLight.Level.OK, String.format("%s up, %,d events stored", name, h.written()));
            case DOWN ->
                new StatusLight(
                        StatusLight.Level.FAILED,
                        name + " down, retrying: " + h.lastError().orElse(""));
        };
    }

    static StatusLight redisLight(SinkHealth h) {
        return switch (h.state()) {
            case DISABLED -> StatusLight.off("Redis not configured");
            case CONNECTING -> new StatusLight(StatusLight.Level.WARNING, "Redis connecting");
            case UP -> new StatusLight(StatusLight.Level.OK, String.format("Redis up, %,d writes", h.written()));
            case DOWN ->
                new StatusLight(
                        StatusLight.Level.FAILED,
                        "Redis down, retrying (" + String.format("%,d", h.buffered()) + " waiting): "
                                + h.lastError().orElse("unreachable"));
        };
    }

    /** Percent change, or NaN when there is no previous window to compare with. */
    private static double change(BigDecimal now, BigDecimal before) {
        if (before.signum() == 0) {
            return Double.NaN;
        }
        return now.subtract(before)
                .multiply(BigDecimal.valueOf(100))
                .divide(before, 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private String time(Instant instant, String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withZone(zone.get()).format(instant);
    }

    /**
     * The CSV lines of what is shown now (header first): one row per region bar and per trend point,
     * exactly the values on screen. FX thread; write the copy off it with {@link CsvFile}.
     */
    public List<String> csvRows() {
        List<String> rows = new ArrayList<>();
        rows.add("series,label,region,value");
        for (RegionBar bar : regions) {
            rows.add("revenue_by_region," + windowLabel.get() + "," + bar.region() + ","
                    + bar.revenue().toPlainString());
        }
        for (TrendPoint p : revenueTrend) {
            rows.add("revenue_trend," + p.label() + ",ALL," + p.revenue().toPlainString());
        }
        return rows;
    }

    // Read-only views for binding.
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ZoneId> zoneProperty() {
        return zone.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty generatorRateProperty() {
        return generatorRate.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty eventsInProperty() {
        return eventsIn.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty eventsOutProperty() {
        return eventsOut.getReadOnlyProperty();
    }

    public ObservableList<Double> eventsInHistory() {
        return eventsInHistoryView;
    }

    public ReadOnlyObjectProperty<BigDecimal> windowRevenueProperty() {
        return windowRevenue.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty windowOrdersProperty() {
        return windowOrders.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty revenueChangePercentProperty() {
        return revenueChangePercent.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty ordersChangePercentProperty() {
        return ordersChangePercent.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty windowLabelProperty() {
        return windowLabel.getReadOnlyProperty();
    }

    public ObservableList<RegionBar> regions() {
        return regionsView;
    }

    public ObservableList<TrendPoint> revenueTrend() {
        return revenueTrendView;
    }

    public ObservableList<CustomerRow> topCustomers() {
        return topCustomersView;
    }

    public ObservableList<ScoreBucket> scoreDistribution() {
        return scoreDistributionView;
    }

    public ObservableList<ReasonCount> deadLetterReasons() {
        return deadLetterReasonsView;
    }

    public ReadOnlyLongProperty deadLettersProperty() {
        return deadLetters.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty deadLetterRateProperty() {
        return deadLetterRate.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty lateRecordsProperty() {
        return lateRecords.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty streamsStateProperty() {
        return streamsState.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty lagRecordsProperty() {
        return lagRecords.getReadOnlyProperty();
    }

    /** @return whether the lag cannot be read now (the broker is unreachable); the lag shown is the last known */
    public ReadOnlyBooleanProperty lagUnknownProperty() {
        return lagUnknown.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lagSecondsProperty() {
        return lagSeconds.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty latencyP99Property() {
        return latencyP99.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLight> kafkaLightProperty() {
        return kafkaLight.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLight> redisLightProperty() {
        return redisLight.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLight> historyLightProperty() {
        return historyLight.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastUpdatedProperty() {
        return lastUpdated.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty appliedSnapshotsProperty() {
        return appliedSnapshots.getReadOnlyProperty();
    }
}
