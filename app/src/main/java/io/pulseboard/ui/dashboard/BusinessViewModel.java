package io.pulseboard.ui.dashboard;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.alert.AlertRule;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.ui.dashboard.BusinessRows.Amount;
import io.pulseboard.ui.dashboard.BusinessRows.ProductRow;
import io.pulseboard.ui.dashboard.BusinessRows.RegionTargets;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The business page and the region drill-down: each region's hour and day against its target ({@link
 * TargetPace}), revenue by category and by channel in the trailing 5-minute window summed over the
 * regions, and for the region drilled into, its own categories, channels and top products, with the
 * {@link TargetForm} that edits its targets. Fed by {@link DashboardViewModel} with the snapshot it
 * applies, so both pages show the same moment. Categories and channels keep a fixed order (by name,
 * the unlisted-product category last), so bars do not swap places between refreshes; top products
 * are by revenue, as the feed ranks them. FX thread.
 */
public final class BusinessViewModel {

    private final ObservableList<RegionTargets> targets = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would drop its listeners (they are weak) when collected.
    private final ObservableList<RegionTargets> targetsView = FXCollections.unmodifiableObservableList(targets);
    private final ObservableList<Amount> categories = FXCollections.observableArrayList();
    private final ObservableList<Amount> categoriesView = FXCollections.unmodifiableObservableList(categories);
    private final ObservableList<Amount> channels = FXCollections.observableArrayList();
    private final ObservableList<Amount> channelsView = FXCollections.unmodifiableObservableList(channels);
    private final ObservableList<String> regionNames = FXCollections.observableArrayList();
    private final ObservableList<String> regionNamesView = FXCollections.unmodifiableObservableList(regionNames);
    private final ReadOnlyStringWrapper windowLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper drillRegion = new ReadOnlyStringWrapper("");
    private final ObservableList<Amount> regionCategories = FXCollections.observableArrayList();
    private final ObservableList<Amount> regionCategoriesView =
            FXCollections.unmodifiableObservableList(regionCategories);
    private final ObservableList<Amount> regionChannels = FXCollections.observableArrayList();
    private final ObservableList<Amount> regionChannelsView = FXCollections.unmodifiableObservableList(regionChannels);
    private final ObservableList<ProductRow> regionProducts = FXCollections.observableArrayList();
    private final ObservableList<ProductRow> regionProductsView =
            FXCollections.unmodifiableObservableList(regionProducts);
    private final ReadOnlyObjectWrapper<RegionTargets> regionTargets =
            new ReadOnlyObjectWrapper<>(new RegionTargets("", Optional.empty(), Optional.empty()));
    private final TargetForm form;
    private final ObservableList<AlertRow> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertRow> alertsView = FXCollections.unmodifiableObservableList(alerts);
    private final ReadOnlyObjectWrapper<Optional<AlertRow>> newAlert = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Map<String, AlertRule.Severity>> alertingRegions =
            new ReadOnlyObjectWrapper<>(Map.of());
    // Alert ids seen firing; null until the first snapshot, whose alerts are not news.
    private java.util.Set<String> seenFiring;
    private BusinessView shown = BusinessView.EMPTY;

    /**
     * @param editor writes a region's targets; empty when the session has no reference database
     * @param fxExecutor runs a save's outcome on the FX thread
     */
    BusinessViewModel(Optional<TargetEditor> editor, Executor fxExecutor, DisplayFormat format) {
        form = new TargetForm(editor, fxExecutor, format);
    }

    /** Shows the snapshot's business figures (and the drilled region's), in {@code f} and {@code zone}. */
    void apply(PipelineSnapshot s, DisplayFormat f, ZoneId zone) {
        BusinessView b = s.business();
        shown = b;
        TreeSet<String> names = new TreeSet<>(s.trailingWindowByRegion().keySet());
        b.targets().values().forEach(t -> names.add(t.region()));
        b.byCategory().values().forEach(m -> names.add(m.region()));
        b.byChannel().values().forEach(m -> names.add(m.region()));
        if (!regionNames.equals(List.copyOf(names))) {
            regionNames.setAll(names);
        }
        targets.setAll(names.stream()
                .map(r -> regionTargets(b, r, s.takenAt(), f, zone))
                .toList());
        categories.setAll(sum(b.byCategory().values(), r -> true));
        channels.setAll(sum(b.byChannel().values(), r -> true));
        windowLabel.set(window(b, s.takenAt(), zone));
        applyAlerts(b, zone);
        if (!drillRegion.get().isEmpty()) {
            applyDrill(drillRegion.get(), s.takenAt(), f, zone);
        }
    }

    /**
     * Lists the alerts, firing first, and announces one that fires for the first time since the page
     * opened (the first snapshot's are already there: not news).
     */
    private void applyAlerts(BusinessView b, ZoneId zone) {
        List<AlertRow> rows = b.alerts().stream()
                .map(e -> AlertRow.of(e, zone))
                .sorted(java.util.Comparator.comparing((AlertRow r) -> !r.firing()))
                .limit(ALERTS_SHOWN)
                .toList();
        if (!alerts.equals(rows)) {
            alerts.setAll(rows);
        }
        // Every firing alert counts for the badges, not only the rows listed.
        Map<String, AlertRule.Severity> alerting = new TreeMap<>();
        for (AlertEvent event : b.alerts()) {
            if (event.state() == AlertEvent.State.FIRING) {
                alerting.merge(
                        event.region(),
                        event.severity() == null ? AlertRule.Severity.INFO : event.severity(),
                        (x, y) -> x.compareTo(y) >= 0 ? x : y);
            }
        }
        if (!alerting.equals(alertingRegions.get())) {
            alertingRegions.set(Map.copyOf(alerting));
        }
        boolean first = seenFiring == null;
        if (first) {
            seenFiring = new java.util.HashSet<>();
        }
        for (AlertRow row : rows) {
            if (row.firing() && seenFiring.add(row.alertId()) && !first) {
                newAlert.set(Optional.of(row));
            }
        }
    }

    /** How many alerts the page lists. */
    static final int ALERTS_SHOWN = 8;

    /** @return the alerts, firing first, then the newest; at most {@link #ALERTS_SHOWN} */
    public ObservableList<AlertRow> alerts() {
        return alertsView;
    }

    /**
     * @return each region with a firing alert (acknowledged or not: the feed does not know), with the
     *     highest severity among them; for the badges of the tiles that show regions
     */
    public ReadOnlyObjectProperty<Map<String, AlertRule.Severity>> alertingRegionsProperty() {
        return alertingRegions.getReadOnlyProperty();
    }

    /** @return the latest alert that fired while the app was open, for a notification */
    public ReadOnlyObjectProperty<Optional<AlertRow>> newAlertProperty() {
        return newAlert.getReadOnlyProperty();
    }

    private void applyDrill(String region, Instant asOf, DisplayFormat f, ZoneId zone) {
        regionCategories.setAll(sum(shown.byCategory().values(), region::equals));
        regionChannels.setAll(sum(shown.byChannel().values(), region::equals));
        List<ProductRow> products = new ArrayList<>();
        shown.topProducts().getOrDefault(region, List.of()).stream()
                .sorted(Comparator.comparing(SalesBreakdownMetric::revenue)
                        .reversed()
                        .thenComparing(SalesBreakdownMetric::value))
                .forEach(m -> products.add(new ProductRow(
                        products.size() + 1,
                        m.value(),
                        shown.productName(m.value()),
                        m.revenue(),
                        m.units(),
                        m.count())));
        regionProducts.setAll(products);
        regionTargets.set(regionTargets(shown, region, asOf, f, zone));
    }

    /**
     * Opens the drill-down of {@code region} as of {@code s} and fills the target form with the region's
     * targets as the newest figures name them.
     */
    void openRegion(String region, Optional<PipelineSnapshot> s, DisplayFormat f, ZoneId zone) {
        drillRegion.set(region);
        Instant asOf = s.map(PipelineSnapshot::takenAt).orElse(Instant.EPOCH);
        applyDrill(region, asOf, f, zone);
        form.load(region, target(region, "HOUR"), target(region, "DAY"), f);
    }

    void closeRegion() {
        drillRegion.set("");
    }

    private Optional<BigDecimal> target(String region, String period) {
        return Optional.ofNullable(shown.targets().get(region + "|" + period)).map(TargetMetric::target);
    }

    /** The newest sale behind the business figures, for the freshness of their tiles. */
    Optional<Instant> newestEvent() {
        return Stream.of(
                        shown.byCategory().values().stream().map(SalesBreakdownMetric::lastEventTime),
                        shown.byChannel().values().stream().map(SalesBreakdownMetric::lastEventTime),
                        shown.targets().values().stream().map(TargetMetric::lastEventTime))
                .flatMap(x -> x)
                .max(Instant::compareTo);
    }

    private static RegionTargets regionTargets(
            BusinessView b, String region, Instant asOf, DisplayFormat f, ZoneId zone) {
        return new RegionTargets(
                region,
                Optional.ofNullable(b.targets().get(region + "|HOUR")).map(m -> TargetPace.of(m, asOf, f, zone)),
                Optional.ofNullable(b.targets().get(region + "|DAY")).map(m -> TargetPace.of(m, asOf, f, zone)));
    }

    /** Revenue and sales per category (or channel) of the regions {@code regions} accepts. */
    static List<Amount> sum(Collection<SalesBreakdownMetric> metrics, Predicate<String> regions) {
        Map<String, BigDecimal> revenue = new TreeMap<>(BusinessViewModel::byName);
        Map<String, Long> count = new TreeMap<>(BusinessViewModel::byName);
        for (SalesBreakdownMetric m : metrics) {
            if (regions.test(m.region())) {
                revenue.merge(m.value(), m.revenue(), BigDecimal::add);
                count.merge(m.value(), m.count(), Long::sum);
            }
        }
        return revenue.entrySet().stream()
                .map(e -> new Amount(e.getKey(), e.getValue(), count.get(e.getKey())))
                .toList();
    }

    /** By name, the unlisted-product category last. */
    private static int byName(String a, String b) {
        boolean unknownA = a.equals(SalesBreakdownMetric.UNKNOWN_CATEGORY);
        boolean unknownB = b.equals(SalesBreakdownMetric.UNKNOWN_CATEGORY);
        if (unknownA != unknownB) {
            return unknownA ? 1 : -1;
        }
        return a.compareTo(b);
    }

    /** {@code 12:56–13:01 (open)}: the trailing window the breakdowns are of; empty before the first. */
    private static String window(BusinessView b, Instant asOf, ZoneId zone) {
        Optional<SalesBreakdownMetric> any = Stream.concat(
                        b.byCategory().values().stream(), b.byChannel().values().stream())
                .max(Comparator.comparing(SalesBreakdownMetric::windowStart));
        if (any.isEmpty()) {
            return "";
        }
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        SalesBreakdownMetric m = any.get();
        return hhmm.format(m.windowStart()) + "–" + hhmm.format(m.windowEnd())
                + (asOf.isBefore(m.windowEnd()) ? " (open)" : "");
    }

    /** Every region's newest hour and day against its target, by region name. */
    public ObservableList<RegionTargets> targets() {
        return targetsView;
    }

    /** Revenue per category in the trailing window, all regions summed. */
    public ObservableList<Amount> categories() {
        return categoriesView;
    }

    /** Revenue per channel in the trailing window, all regions summed. */
    public ObservableList<Amount> channels() {
        return channelsView;
    }

    /** The regions known from the figures, by name: the drill-down's choices. */
    public ObservableList<String> regionNames() {
        return regionNamesView;
    }

    /** The trailing window the category and channel figures are of, e.g. {@code 12:56–13:01 (open)}. */
    public ReadOnlyStringProperty windowLabelProperty() {
        return windowLabel.getReadOnlyProperty();
    }

    /** The region drilled into; empty while the drill-down is closed. */
    public ReadOnlyStringProperty drillRegionProperty() {
        return drillRegion.getReadOnlyProperty();
    }

    public ObservableList<Amount> regionCategories() {
        return regionCategoriesView;
    }

    public ObservableList<Amount> regionChannels() {
        return regionChannelsView;
    }

    /** The drilled region's top products in the trailing window, highest revenue first. */
    public ObservableList<ProductRow> regionProducts() {
        return regionProductsView;
    }

    /** The drilled region's hour and day against its target. */
    public ReadOnlyObjectProperty<RegionTargets> regionTargetsProperty() {
        return regionTargets.getReadOnlyProperty();
    }

    /** The drilled region's target editor. */
    public TargetForm form() {
        return form;
    }
}
