package io.pulseboard.topology;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.alert.AlertRule;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.serde.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates the alert rules ({@link AlertRule}, from the global store {@link
 * MetricsTopology#ALERT_RULE_STORE}) on each region's sales windows as they are published, and
 * forwards an {@link AlertEvent} when an alert fires or resolves, keyed by its id.
 *
 * <p>It runs in the task that owns the region's windows, downstream of their store, so its state (the
 * region's open windows, each rule's run of breaching windows and whether it fires) is changelogged in
 * {@link MetricsTopology#ALERT_STATE_STORE} and committed with the windows under exactly-once: a restart
 * neither loses nor repeats a firing or a resolution. Windows close in stream time: once it passes a
 * window's end and the grace, as in the window store, checked at every stream-time second.
 *
 * <p>State keys: {@code w|region|windowStartMs} the latest value of an open window; {@code
 * r|ruleId|region} a rule's {@link RuleState} for the region.
 */
final class AlertEvaluator implements Processor<String, SalesWindowMetric, String, AlertEvent> {

    private static final Duration SWEEP = Duration.ofSeconds(1);

    private final Json json;
    private final long graceMs;
    private final long sizeMs;
    private final long advanceMs;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, byte[]> state;
    private KeyValueStore<String, byte[]> rules;
    // The rules decoded from the global store, by id, with the bytes they were decoded from.
    private final java.util.Map<String, DecodedRule> decodedRules = new java.util.HashMap<>();

    /**
     * What a rule remembers for one region.
     *
     * @param breaching starts (ms) of the recent windows that breached, ascending
     * @param firing whether an alert fires
     * @param alertId the firing alert's id, or null
     * @param judgedThrough start (ms) of the newest closed window judged, 0 before the first
     */
    record RuleState(List<Long> breaching, boolean firing, String alertId, long judgedThrough) {
        static RuleState idle(long judgedThrough) {
            return new RuleState(List.of(), false, null, judgedThrough);
        }

        RuleState judged(long startMs) {
            return new RuleState(breaching, firing, alertId, Math.max(judgedThrough, startMs));
        }
    }

    AlertEvaluator(Json json, Duration grace, Duration size, Duration advance) {
        this.json = json;
        this.graceMs = grace.toMillis();
        this.sizeMs = size.toMillis();
        this.advanceMs = advance.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.state = context.getStateStore(MetricsTopology.ALERT_STATE_STORE);
        this.rules = context.getStateStore(MetricsTopology.ALERT_RULE_STORE);
        context.schedule(SWEEP, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, SalesWindowMetric> record) {
        SalesWindowMetric window = record.value();
        if (record.key() == null || window == null) {
            return;
        }
        long startMs = window.windowStart().toEpochMilli();
        if (window.windowEnd().toEpochMilli() + graceMs <= context.currentStreamTimeMs()) {
            return; // already closed here; the window store does not update closed windows either
        }
        state.put(windowKey(window.region(), startMs), json.write(window));
        for (AlertRule rule : rulesFor(window.region())) {
            if (rule.condition() == AlertRule.Condition.ABOVE && rule.breaches(value(rule, window))) {
                breached(rule, window);
            }
        }
    }

    /** Closes the windows that stream time has passed (in start order) and drops states of removed rules. */
    private void sweep(long streamTimeMs) {
        List<KeyValue<String, SalesWindowMetric>> closed = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> open = state.prefixScan("w|", new StringSerializer())) {
            while (open.hasNext()) {
                KeyValue<String, byte[]> entry = open.next();
                SalesWindowMetric window = json.read(entry.value, SalesWindowMetric.class);
                if (window.windowEnd().toEpochMilli() + graceMs <= streamTimeMs) {
                    closed.add(KeyValue.pair(entry.key, window));
                }
            }
        }
        closed.sort((a, b) -> a.value.windowStart().compareTo(b.value.windowStart()));
        for (KeyValue<String, SalesWindowMetric> entry : closed) {
            close(entry.value);
            state.delete(entry.key);
        }
        List<KeyValue<String, byte[]>> states = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = state.prefixScan("r|", new StringSerializer())) {
            all.forEachRemaining(states::add);
        }
        for (KeyValue<String, byte[]> entry : states) {
            String[] parts = entry.key.split("\\|", 3);
            RuleState current = json.read(entry.value, RuleState.class);
            Optional<AlertRule> rule = rule(parts[1]);
            if (rule.isEmpty() || !rule.get().appliesTo(parts[2])) {
                if (current.firing()) {
                    forwardResolvedWithoutRule(parts[1], parts[2], current.alertId(), streamTimeMs);
                }
                state.delete(entry.key);
            } else {
                judgeEmptyWindows(rule.get(), parts[2], streamTimeMs);
            }
        }
    }

    /**
     * The closed windows after the newest judged one had no sale (else they would have been judged):
     * their value is 0. Judged one by one, at most as many as can change the outcome; then skipped.
     */
    private void judgeEmptyWindows(AlertRule rule, String region, long streamTimeMs) {
        RuleState current = ruleState(rule, region);
        if (current.judgedThrough() == 0) {
            return;
        }
        long next = current.judgedThrough() + advanceMs;
        int left = rule.forWindows() + 1;
        while (next + sizeMs + graceMs <= streamTimeMs && left-- > 0) {
            SalesWindowMetric empty = new SalesWindowMetric(
                    region,
                    Instant.ofEpochMilli(next),
                    Instant.ofEpochMilli(next + sizeMs),
                    0,
                    BigDecimal.ZERO,
                    0,
                    "",
                    Instant.ofEpochMilli(next + sizeMs));
            judgeClosed(rule, empty);
            next += advanceMs;
        }
        long lastClosed = Math.floorDiv(streamTimeMs - sizeMs - graceMs, advanceMs) * advanceMs;
        RuleState after = ruleState(rule, region);
        if (after.judgedThrough() < lastClosed) {
            putState(rule, region, after.judged(lastClosed));
        }
    }

    private void close(SalesWindowMetric window) {
        for (AlertRule rule : rulesFor(window.region())) {
            judgeClosed(rule, window);
        }
    }

    /** A closed window: BELOW judged, and a firing alert resolved when the window is back past the re-arm level. */
    private void judgeClosed(AlertRule rule, SalesWindowMetric window) {
        long startMs = window.windowStart().toEpochMilli();
        BigDecimal value = value(rule, window);
        if (rule.condition() == AlertRule.Condition.BELOW && rule.breaches(value)) {
            breached(rule, window);
        }
        RuleState current = ruleState(rule, window.region());
        // Only a window that starts after every breaching one resolves: an older one that closes
        // below while a newer one is still above would make the alert flap.
        boolean afterTheBreaches = current.breaching().isEmpty()
                || startMs > current.breaching().get(current.breaching().size() - 1);
        if (current.firing() && afterTheBreaches && rule.rearms(value)) {
            context.forward(new Record<>(
                    current.alertId(),
                    event(current.alertId(), AlertEvent.State.RESOLVED, rule, window, value, rule.rearm()),
                    window.lastEventTime().toEpochMilli()));
            putState(rule, window.region(), RuleState.idle(Math.max(current.judgedThrough(), startMs)));
        } else {
            putState(rule, window.region(), current.judged(startMs));
        }
    }

    /** Adds a breaching window to the rule's run, and fires once the run is long enough. */
    private void breached(AlertRule rule, SalesWindowMetric window) {
        long startMs = window.windowStart().toEpochMilli();
        RuleState current = ruleState(rule, window.region());
        TreeSet<Long> breaching = new TreeSet<>(current.breaching());
        if (!breaching.add(startMs) && current.firing()) {
            return;
        }
        // Keep what a run ending at the newest window can still use.
        long keepFrom = breaching.last() - (long) rule.forWindows() * advanceMs;
        breaching.headSet(keepFrom).clear();
        String alertId = current.alertId();
        boolean firing = current.firing();
        if (!firing) {
            long runStart = startMs;
            while (breaching.contains(runStart - advanceMs)) {
                runStart -= advanceMs;
            }
            long runEnd = startMs;
            while (breaching.contains(runEnd + advanceMs)) {
                runEnd += advanceMs;
            }
            if ((runEnd - runStart) / advanceMs + 1 >= rule.forWindows()) {
                firing = true;
                alertId = rule.ruleId() + "|" + window.region() + "|" + Instant.ofEpochMilli(runStart);
                context.forward(new Record<>(
                        alertId,
                        event(alertId, AlertEvent.State.FIRING, rule, window, value(rule, window), rule.threshold()),
                        window.lastEventTime().toEpochMilli()));
            }
        }
        putState(
                rule, window.region(), new RuleState(List.copyOf(breaching), firing, alertId, current.judgedThrough()));
    }

    private void forwardResolvedWithoutRule(String ruleId, String region, String alertId, long streamTimeMs) {
        Instant now = Instant.ofEpochMilli(streamTimeMs);
        context.forward(new Record<>(
                alertId,
                new AlertEvent(
                        alertId,
                        AlertEvent.State.RESOLVED,
                        ruleId,
                        ruleId,
                        null,
                        null,
                        region,
                        null,
                        null,
                        BigDecimal.ZERO,
                        null,
                        null,
                        now,
                        region + ": rule " + ruleId + " was removed, disabled or no longer covers the region"),
                streamTimeMs));
    }

    private AlertEvent event(
            String alertId,
            AlertEvent.State state,
            AlertRule rule,
            SalesWindowMetric window,
            BigDecimal value,
            BigDecimal level) {
        String what = switch (rule.metric()) {
            case REGION_REVENUE -> "revenue";
            case REGION_ORDERS -> "orders";
            case REGION_UNITS -> "units";
        };
        String message = state == AlertEvent.State.FIRING
                ? String.format(
                        Locale.ROOT,
                        "%s %s %s %s %s in %d window(s) of 5 minutes (%s)",
                        window.region(),
                        what,
                        format(rule, value),
                        rule.condition() == AlertRule.Condition.ABOVE ? "above" : "below",
                        format(rule, level),
                        rule.forWindows(),
                        rule.name())
                : String.format(
                        Locale.ROOT,
                        "%s %s back to %s (%s %s) (%s)",
                        window.region(),
                        what,
                        format(rule, value),
                        rule.condition() == AlertRule.Condition.ABOVE ? "below" : "above",
                        format(rule, level),
                        rule.name());
        return new AlertEvent(
                alertId,
                state,
                rule.ruleId(),
                rule.name(),
                rule.severity(),
                rule.metric(),
                window.region(),
                rule.condition(),
                level,
                value,
                window.windowStart(),
                window.windowEnd(),
                window.lastEventTime(),
                message);
    }

    private static String format(AlertRule rule, BigDecimal value) {
        return rule.metric() == AlertRule.Metric.REGION_REVENUE
                ? String.format(Locale.ROOT, "%,.2f", value)
                : String.format(
                        Locale.ROOT,
                        "%,d",
                        value.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }

    static BigDecimal value(AlertRule rule, SalesWindowMetric window) {
        return switch (rule.metric()) {
            case REGION_REVENUE -> window.revenue();
            case REGION_ORDERS -> BigDecimal.valueOf(window.count());
            case REGION_UNITS -> BigDecimal.valueOf(window.units());
        };
    }

    private List<AlertRule> rulesFor(String region) {
        List<AlertRule> applying = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = rules.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                decoded(entry.key, entry.value)
                        .filter(rule -> rule.appliesTo(region))
                        .ifPresent(applying::add);
            }
        }
        return applying;
    }

    private Optional<AlertRule> rule(String ruleId) {
        byte[] bytes = rules.get(ruleId);
        return bytes == null ? Optional.empty() : decoded(ruleId, bytes);
    }

    /**
     * A rule's record, decoded once per change: every window update asks for its region's rules, and
     * decoding them each time put JSON parsing on the per-update path.
     */
    private Optional<AlertRule> decoded(String ruleId, byte[] bytes) {
        DecodedRule cached = decodedRules.get(ruleId);
        if (cached == null || !java.util.Arrays.equals(cached.bytes(), bytes)) {
            cached = new DecodedRule(bytes, ReferenceStores.read(json, bytes, AlertRule.class, ruleId));
            decodedRules.put(ruleId, cached);
        }
        return cached.rule();
    }

    private record DecodedRule(byte[] bytes, Optional<AlertRule> rule) {}

    private RuleState ruleState(AlertRule rule, String region) {
        byte[] bytes = state.get(stateKey(rule.ruleId(), region));
        return bytes == null ? RuleState.idle(0) : json.read(bytes, RuleState.class);
    }

    private void putState(AlertRule rule, String region, RuleState value) {
        state.put(stateKey(rule.ruleId(), region), json.write(value));
    }

    private static String windowKey(String region, long startMs) {
        return "w|" + region + "|" + startMs;
    }

    private static String stateKey(String ruleId, String region) {
        return "r|" + ruleId + "|" + region;
    }
}
