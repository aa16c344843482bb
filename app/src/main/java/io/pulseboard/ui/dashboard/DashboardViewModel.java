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
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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
 * applied there, then the arrival cue set by {@link #onArrival} runs); the view's cadence calls
 * {@link #pulse()} on the FX thread after arrivals, coalesced and at a bounded rate (ADR 0007), which
 * applies only the newest snapshot, so a burst of snapshots costs one update. Lists are replaced
 * with {@code setAll} once per pulse; series are bounded and get at most one point a second.
 *
 * <p>The session's reports of its parts reach {@link #onPart} the same way: the Redis and history
 * lights follow the sinks' health, except while the local stack reports that part's server down or
 * being restarted, when they say so with the stack's reason.
 *
 * <p>The headline revenue and orders are the last complete 5-minute window, compared with the one
 * before only when that base has data for its whole span ({@link HeadlineKpi}). Every number is
 * formatted through one {@link DisplayFormat}: the user's locale and the reporting currency that the
 * snapshots carry. Each pulse, also while paused or without a new snapshot, re-ages the freshness of
 * what is shown ({@link Freshness}), so a feed that stops turns the tiles amber, then red.
 *
 * <p>The same snapshot feeds the business page and the region drill-down ({@link #business()}), and
 * the PostgreSQL reference publisher's light.
 */
public final class DashboardViewModel {

    /** Points kept for the events/s and lag sparklines (one a second at most: the last minute). */
    static final int SPARKLINE_POINTS = 60;
    /** The least time between two points of a sparkline, and the least span of the dead-letter rate. */
    static final Duration SPARKLINE_STEP = Duration.ofSeconds(1);
    /** Windows shown in the revenue trend: the last hour, one per minute. */
    static final int TREND_POINTS = 60;
    /** Lag behind by more than this (or Streams not RUNNING) reads as catching up, with an ETA. */
    static final Duration CATCHING_UP_AFTER = Duration.ofSeconds(5);
    /** The figure shown where there is no number yet. */
    static final String PLACEHOLDER = "—";

    private final AtomicReference<PipelineSnapshot> pending = new AtomicReference<>();
    private final AtomicReference<PartReport> redisPart = new AtomicReference<>();
    private final AtomicReference<PartReport> historyPart = new AtomicReference<>();
    private final Optional<IntConsumer> rateControl;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<DisplayFormat> format;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ZoneId> zone = new ReadOnlyObjectWrapper<>(ZoneId.systemDefault());
    private final ReadOnlyLongWrapper generatorRate = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper eventsIn = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper eventsOut = new ReadOnlyDoubleWrapper();
    private final ObservableList<Double> eventsInHistory = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<Double> eventsInHistoryView =
            FXCollections.unmodifiableObservableList(eventsInHistory);
    private final ReadOnlyStringWrapper generatorRateText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BigDecimal> windowRevenue = new ReadOnlyObjectWrapper<>(BigDecimal.ZERO);
    private final ReadOnlyLongWrapper windowOrders = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper revenueChangePercent = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper ordersChangePercent = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper windowLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper windowCaption = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<HeadlineKpi.State> headlineState =
            new ReadOnlyObjectWrapper<>(HeadlineKpi.State.WAITING);
    private final ReadOnlyStringWrapper revenueText = new ReadOnlyStringWrapper(PLACEHOLDER);
    private final ReadOnlyStringWrapper ordersText = new ReadOnlyStringWrapper(PLACEHOLDER);
    private final ReadOnlyStringWrapper revenueComparison = new ReadOnlyStringWrapper("waiting for data");
    private final ReadOnlyStringWrapper ordersComparison = new ReadOnlyStringWrapper("waiting for data");
    private final ReadOnlyObjectWrapper<Freshness> salesFreshness = new ReadOnlyObjectWrapper<>(Freshness.WAITING);
    private final ReadOnlyObjectWrapper<Freshness> engagementFreshness = new ReadOnlyObjectWrapper<>(Freshness.WAITING);
    private final ReadOnlyObjectWrapper<Freshness> feedFreshness = new ReadOnlyObjectWrapper<>(Freshness.WAITING);
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
    private final ReadOnlyBooleanWrapper lagUnknown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper latencyText = new ReadOnlyStringWrapper(PLACEHOLDER);
    private final ReadOnlyStringWrapper lagText = new ReadOnlyStringWrapper(PLACEHOLDER);
    private final ReadOnlyStringWrapper lagRecordsText = new ReadOnlyStringWrapper(PLACEHOLDER);
    private final ReadOnlyBooleanWrapper catchingUp = new ReadOnlyBooleanWrapper();
    private final ObservableList<Double> lagHistory = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<Double> lagHistoryView = FXCollections.unmodifiableObservableList(lagHistory);
    private final Deque<Double> lagRecent = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<StatusLight> kafkaLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("starting"));
    private final ReadOnlyObjectWrapper<StatusLight> redisLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("not configured"));
    private final ReadOnlyObjectWrapper<StatusLight> historyLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("not configured"));
    private final ReadOnlyObjectWrapper<StatusLight> referenceLight =
            new ReadOnlyObjectWrapper<>(StatusLight.off("PostgreSQL not configured"));
    private final ReadOnlyObjectWrapper<Freshness> businessFreshness = new ReadOnlyObjectWrapper<>(Freshness.WAITING);
    private final BusinessViewModel business;
    private final ReadOnlyStringWrapper lastUpdated = new ReadOnlyStringWrapper("waiting for the first metrics");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper appliedSnapshots = new ReadOnlyLongWrapper();
    private final Deque<Double> inHistory = new ArrayDeque<>();
    private PipelineSnapshot shown;
    private HeadlineKpi.Result headline = HeadlineKpi.Result.WAITING;
    private long previousDeadLetters = -1;
    private Instant previousTakenAt;
    private Instant lastPointAt;
    private volatile Runnable arrival = () -> {};

    /**
     * @param rateControl sets the generator's rate (local demo); empty for a remote session
     * @param initialRate the generator's configured rate, shown until changed
     * @param clock the wall clock the freshness of the tiles is measured against
     * @param format the user's locale and the reporting currency assumed until the first snapshot
     *     names it
     */
    public DashboardViewModel(Optional<IntConsumer> rateControl, long initialRate, Clock clock, DisplayFormat format) {
        this(rateControl, initialRate, clock, format, Optional.empty(), Runnable::run);
    }

    /**
     * @param rateControl sets the generator's rate (local demo); empty for a remote session
     * @param initialRate the generator's configured rate, shown until changed
     * @param clock the wall clock the freshness of the tiles is measured against
     * @param format the user's locale and the reporting currency assumed until the first snapshot
     *     names it
     * @param targetEditor writes a region's targets (the session's reference database); empty when the
     *     session has none, and the drill-down says why it cannot edit them
     * @param fxExecutor runs the outcome of a target save on the FX thread ({@code Platform::runLater};
     *     {@code Runnable::run} in tests)
     */
    public DashboardViewModel(
            Optional<IntConsumer> rateControl,
            long initialRate,
            Clock clock,
            DisplayFormat format,
            Optional<TargetEditor> targetEditor,
            java.util.concurrent.Executor fxExecutor) {
        this.rateControl = rateControl;
        this.clock = clock;
        this.format = new ReadOnlyObjectWrapper<>(format);
        this.business = new BusinessViewModel(targetEditor, fxExecutor, format);
        setRate(initialRate);
    }

    private void setRate(long rate) {
        generatorRate.set(rate);
        // The demo generator varies its rate over the day (0.6-1.4 of the target): say so, or the
        // events/s tile seems to disagree with the rate set.
        generatorRateText.set("target " + format.get().count(rate) + "/s × daily rhythm");
    }

    /** Keeps the newest snapshot for the next pulse, then gives the arrival cue. Any thread; never touches properties. */
    public void accept(PipelineSnapshot snapshot) {
        pending.set(snapshot);
        arrival.run();
    }

    /**
     * Sets what {@link #accept} and {@link #onPart} run after keeping what they were given, on their
     * thread: the view's cue to schedule a pulse (it must return at once). None by default: tests call
     * {@link #pulse()} themselves.
     */
    public void onArrival(Runnable cue) {
        arrival = java.util.Objects.requireNonNull(cue, "cue");
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
            default -> {
                return;
            }
        }
        arrival.run();
    }

    /** Applies the newest snapshot and part reports if there are any and the view is not paused. FX thread. */
    public void pulse() {
        applyFreshness();
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
            business.apply(shown, format.get(), newZone);
            lastUpdated.set("updated " + time(shown.takenAt(), "HH:mm:ss"));
        }
    }

    /** The business page and the region drill-down, fed with the snapshots this model applies. */
    public BusinessViewModel business() {
        return business;
    }

    /** Opens the drill-down of {@code region} with the figures shown now. FX thread. */
    public void openRegion(String region) {
        business.openRegion(region, shownSnapshot(), format.get(), zone.get());
    }

    /** Closes the region drill-down. FX thread. */
    public void closeRegion() {
        business.closeRegion();
    }

    /** The snapshot on screen now. FX thread. */
    public Optional<PipelineSnapshot> shownSnapshot() {
        return Optional.ofNullable(shown);
    }

    /**
     * The time of the newest sale in the windows shown (the revenue, orders, region and trend tiles'
     * data; their freshness badges age it). Empty before the first sales window. FX thread.
     */
    public Optional<Instant> newestSaleShown() {
        return shown == null
                ? Optional.empty()
                : shown.regions().values().stream()
                        .flatMap(w -> w.values().stream())
                        .map(SalesWindowMetric::lastEventTime)
                        .max(Instant::compareTo);
    }

    public boolean rateAdjustable() {
        return rateControl.isPresent();
    }

    /** Changes the demo generator's rate; ignored for a remote session. */
    public void setGeneratorRate(int eventsPerSecond) {
        rateControl.ifPresent(control -> {
            control.accept(eventsPerSecond);
            setRate(eventsPerSecond);
        });
    }

    private void apply(PipelineSnapshot s) {
        if (!s.reportingCurrency().equals(format.get().currencyCode())) {
            format.set(format.get().withCurrency(s.reportingCurrency()));
            setRate(generatorRate.get());
        }
        eventsIn.set(s.eventsInPerSecond());
        eventsOut.set(s.metricsOutPerSecond());
        // Snapshots come up to ten a second; the sparklines keep a minute, a point a second.
        boolean point = lastPointAt == null || !s.takenAt().isBefore(lastPointAt.plus(SPARKLINE_STEP));
        if (point) {
            lastPointAt = s.takenAt();
            inHistory.addLast(s.eventsInPerSecond());
            while (inHistory.size() > SPARKLINE_POINTS) {
                inHistory.removeFirst();
            }
            eventsInHistory.setAll(inHistory);
        }
        applyWindows(s);
        applyEngagement(s.topCustomers(), s.engagementDistribution());
        applyQuality(s);
        applyHealth(s, point);
        business.apply(s, format.get(), zone.get());
        referenceLight.set(referenceLight(s.business().reference()));
        lastUpdated.set("updated " + time(s.takenAt(), "HH:mm:ss"));
        shown = s;
        applyFreshness();
        appliedSnapshots.set(appliedSnapshots.get() + 1);
    }

    /** Ages what is shown against the wall clock; a paused or stalled dashboard grows old visibly. */
    private void applyFreshness() {
        if (shown == null) {
            return;
        }
        Instant now = clock.instant();
        DisplayFormat f = format.get();
        salesFreshness.set(Freshness.of(newestSaleShown(), now, f));
        // All customers' newest event, not the top ones': a leaderboard that does not change is not stale.
        engagementFreshness.set(Freshness.of(shown.newestCustomerEvent(), now, f));
        feedFreshness.set(Freshness.of(Optional.of(shown.takenAt()), now, f));
        businessFreshness.set(Freshness.of(business.newestEvent(), now, f));
    }

    private void applyWindows(PipelineSnapshot s) {
        HeadlineKpi.Result kpi = HeadlineKpi.of(s);
        headline = kpi;
        DisplayFormat f = format.get();
        headlineState.set(kpi.state());
        // Regions in a fixed order (by name), so bars do not swap places from one refresh to the next.
        regions.setAll(new TreeMap<>(kpi.byRegion())
                .values().stream()
                        .map(m -> new RegionBar(m.region(), m.revenue(), m.count()))
                        .toList());
        windowRevenue.set(kpi.revenue());
        windowOrders.set(kpi.orders());
        revenueChangePercent.set(kpi.revenueChangePercent().orElse(Double.NaN));
        ordersChangePercent.set(kpi.ordersChangePercent().orElse(Double.NaN));
        switch (kpi.state()) {
            case WAITING -> {
                windowLabel.set("");
                windowCaption.set("");
                revenueText.set(PLACEHOLDER);
                ordersText.set(PLACEHOLDER);
                revenueComparison.set("waiting for data");
                ordersComparison.set("waiting for data");
            }
            case OPEN -> {
                windowLabel.set(span(kpi.windowStart(), kpi.windowEnd()) + " (open)");
                windowCaption.set("window " + span(kpi.windowStart(), kpi.windowEnd()) + ", still open");
                revenueText.set(f.money(kpi.revenue()));
                ordersText.set(f.count(kpi.orders()));
                // Not how long: the first minute's data is not counted (HeadlineKpi), so a figure would understate it.
                String open = "window open · building baseline…";
                revenueComparison.set(open);
                ordersComparison.set(open);
            }
            case COMPLETE -> {
                windowLabel.set(span(kpi.windowStart(), kpi.windowEnd()));
                windowCaption.set("last complete window " + span(kpi.windowStart(), kpi.windowEnd()));
                revenueText.set(f.money(kpi.revenue()));
                ordersText.set(f.count(kpi.orders()));
                Instant baseStart = kpi.windowStart().minus(HeadlineKpi.SPAN);
                String base = span(baseStart, kpi.windowStart());
                revenueComparison.set(comparison(kpi.revenueChangePercent(), kpi.baseCovered(), base, f));
                ordersComparison.set(comparison(kpi.ordersChangePercent(), kpi.baseCovered(), base, f));
            }
        }
        revenueTrend.setAll(trend(s, kpi.windowStart()));
    }

    private static String comparison(Optional<Double> change, Duration baseCovered, String base, DisplayFormat f) {
        if (change.isPresent()) {
            return f.percentChange(change.get()) + " vs " + base;
        }
        if (baseCovered.equals(HeadlineKpi.SPAN)) {
            return "n/a: no sales in " + base;
        }
        return "building baseline… (" + f.duration(baseCovered) + " of " + f.duration(HeadlineKpi.SPAN) + " in " + base
                + ")";
    }

    private String span(Instant from, Instant to) {
        return time(from, "HH:mm") + "–" + time(to, "HH:mm");
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
        // The bins in score order, whatever order the map has: bars must not jump from one refresh to the next.
        scoreDistribution.setAll(distribution.entrySet().stream()
                .map(e -> new ScoreBucket(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(b -> lowerBound(b.label())))
                .toList());
    }

    /** The lower bound of a bin label such as "20-49" or "200+"; unparsable labels go last. */
    static long lowerBound(String label) {
        String digits = label.replaceFirst("^(\\d+).*$", "$1");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void applyQuality(PipelineSnapshot s) {
        long total = s.deadLetterTotal();
        // Over a second or more: between snapshots a tenth of a second apart the rate would flicker.
        if (previousDeadLetters < 0 || previousTakenAt == null) {
            previousDeadLetters = total;
            previousTakenAt = s.takenAt();
        } else if (!s.takenAt().isBefore(previousTakenAt.plus(SPARKLINE_STEP))) {
            double seconds = (s.takenAt().toEpochMilli() - previousTakenAt.toEpochMilli()) / 1000.0;
            deadLetterRate.set(Math.max(0, (total - previousDeadLetters) / seconds));
            previousDeadLetters = total;
            previousTakenAt = s.takenAt();
        }
        deadLetters.set(total);
        lateRecords.set(s.lateRecords());
        deadLetterReasons.setAll(s.deadLetters().entrySet().stream()
                .map(e -> new ReasonCount(e.getKey().name(), e.getValue()))
                .sorted(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reason))
                .toList());
    }

    private void applyHealth(PipelineSnapshot s, boolean point) {
        streamsState.set(s.streamsState());
        lagRecords.set(s.consumerLagRecords());
        lagUnknown.set(s.lagUnknownSince().isPresent());
        // No samples yet, or a figure that cannot be a latency: a placeholder, never "-1 ms".
        latencyText.set(
                s.latency().samples() == 0 || s.latency().p99Ms() < 0
                        ? PLACEHOLDER
                        : format.get().count(s.latency().p99Ms()) + " ms");
        applyLag(s, point);
        problem.set(s.error().orElse(""));
        kafkaLight.set(kafkaLight(s));
    }

    private void applyLag(PipelineSnapshot s, boolean point) {
        DisplayFormat f = format.get();
        long records = s.consumerLagRecords();
        if (point) {
            lagRecent.addLast((double) records);
            while (lagRecent.size() > SPARKLINE_POINTS) {
                lagRecent.removeFirst();
            }
            lagHistory.setAll(lagRecent);
        }
        lagRecordsText.set(f.count(records));
        if (s.lagUnknownSince().isPresent()) {
            catchingUp.set(false);
            lagText.set("unknown (last " + f.count(records) + " records)");
            return;
        }
        if (records == 0) {
            catchingUp.set(false);
            lagText.set("none, up to date");
            return;
        }
        // Time behind: how long the input takes to produce the backlog; the processing rate only if nothing arrives.
        double rate = s.eventsInPerSecond() > 0 ? s.eventsInPerSecond() : s.eventsProcessedPerSecond();
        Optional<Duration> behind =
                rate > 0 ? Optional.of(Duration.ofMillis(Math.round(records / rate * 1000))) : Optional.empty();
        boolean running = s.streamsState().equals("RUNNING");
        boolean far = behind.map(b -> b.compareTo(CATCHING_UP_AFTER) > 0).orElse(true);
        catchingUp.set(!running || far);
        if (!catchingUp.get()) {
            lagText.set(f.duration(behind.orElseThrow()) + " behind");
            return;
        }
        double gain = s.eventsProcessedPerSecond() - s.eventsInPerSecond();
        String eta;
        if (s.eventsProcessedPerSecond() <= 0) {
            eta = running ? "not processing" : "Streams " + s.streamsState().toLowerCase(Locale.ROOT);
        } else if (gain <= 0) {
            eta = "falling behind";
        } else {
            eta = "ETA " + f.duration(Duration.ofMillis(Math.round(records / gain * 1000)));
        }
        lagText.set("catching up · " + eta
                + behind.map(b -> " (" + f.duration(b) + " behind)").orElse(""));
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

    /** The reference publisher's light: OFF (and not shown) without a PostgreSQL database. */
    static StatusLight referenceLight(SinkHealth h) {
        return switch (h.state()) {
            case DISABLED -> StatusLight.off("PostgreSQL not configured");
            case CONNECTING -> new StatusLight(StatusLight.Level.WARNING, "PostgreSQL connecting");
            case UP ->
                new StatusLight(
                        StatusLight.Level.OK,
                        String.format("PostgreSQL up, %,d reference changes published", h.written()));
            case DOWN ->
                new StatusLight(
                        StatusLight.Level.FAILED,
                        "PostgreSQL down, retrying: " + h.lastError().orElse("unreachable"));
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

    private String time(Instant instant, String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withZone(zone.get()).format(instant);
    }

    /**
     * The CSV lines of what is shown now (header first): one row per region bar and per trend point,
     * exactly the values on screen. FX thread; write the copy off it with {@link CsvFile}.
     */
    public List<String> csvRows() {
        List<String> rows = new ArrayList<>();
        // Plain machine-readable values; the header names the unit.
        rows.add("series,label,region,revenue_" + format.get().currencyCode());
        String csvWindow = headline.windowStart() == null
                ? ""
                : time(headline.windowStart(), "HH:mm") + "-" + time(headline.windowEnd(), "HH:mm");
        for (RegionBar bar : regions) {
            rows.add("revenue_by_region," + csvWindow + "," + bar.region() + ","
                    + bar.revenue().toPlainString());
        }
        for (TrendPoint p : revenueTrend) {
            rows.add("revenue_trend," + p.label() + ",ALL," + p.revenue().toPlainString());
        }
        return rows;
    }

    // Read-only views for binding.
    /** The locale and reporting currency every figure is written in. */
    public ReadOnlyObjectProperty<DisplayFormat> formatProperty() {
        return format.getReadOnlyProperty();
    }

    /** The generator's rate as the toolbar says it, e.g. "target 2,000/s × daily rhythm". */
    public ReadOnlyStringProperty generatorRateTextProperty() {
        return generatorRateText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HeadlineKpi.State> headlineStateProperty() {
        return headlineState.getReadOnlyProperty();
    }

    /** The headline revenue, formatted, or a placeholder before the first window. */
    public ReadOnlyStringProperty revenueTextProperty() {
        return revenueText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ordersTextProperty() {
        return ordersText.getReadOnlyProperty();
    }

    /** What the headline revenue is compared with: a change in percent, or why there is none. */
    public ReadOnlyStringProperty revenueComparisonProperty() {
        return revenueComparison.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ordersComparisonProperty() {
        return ordersComparison.getReadOnlyProperty();
    }

    /** Age of the newest sale behind the revenue, orders, region and trend tiles. */
    public ReadOnlyObjectProperty<Freshness> salesFreshnessProperty() {
        return salesFreshness.getReadOnlyProperty();
    }

    /** Age of the newest customer event behind the engagement tiles. */
    public ReadOnlyObjectProperty<Freshness> engagementFreshnessProperty() {
        return engagementFreshness.getReadOnlyProperty();
    }

    /** Age of the snapshot behind the rate, quality and health tiles. */
    public ReadOnlyObjectProperty<Freshness> feedFreshnessProperty() {
        return feedFreshness.getReadOnlyProperty();
    }

    /** p99 latency, formatted, or a placeholder without samples. */
    public ReadOnlyStringProperty latencyTextProperty() {
        return latencyText.getReadOnlyProperty();
    }

    /** The lag as time: "0.4 s behind", or "catching up · ETA 25 s (1 min behind)". */
    public ReadOnlyStringProperty lagTextProperty() {
        return lagText.getReadOnlyProperty();
    }

    /** The backlog: input records not yet processed, formatted. */
    public ReadOnlyStringProperty lagRecordsTextProperty() {
        return lagRecordsText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty catchingUpProperty() {
        return catchingUp.getReadOnlyProperty();
    }

    /** The lag in records, a point a second at most (bounded). */
    public ObservableList<Double> lagHistory() {
        return lagHistoryView;
    }

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

    /** Under the headline figures: which window they are and whether it is complete or still open. */
    public ReadOnlyStringProperty windowCaptionProperty() {
        return windowCaption.getReadOnlyProperty();
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

    public ReadOnlyObjectProperty<StatusLight> kafkaLightProperty() {
        return kafkaLight.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLight> redisLightProperty() {
        return redisLight.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLight> historyLightProperty() {
        return historyLight.getReadOnlyProperty();
    }

    /** The PostgreSQL reference publisher's light; OFF when the session has no reference database. */
    public ReadOnlyObjectProperty<StatusLight> referenceLightProperty() {
        return referenceLight.getReadOnlyProperty();
    }

    /** Age of the newest sale behind the business page's tiles (categories, channels, targets). */
    public ReadOnlyObjectProperty<Freshness> businessFreshnessProperty() {
        return businessFreshness.getReadOnlyProperty();
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
