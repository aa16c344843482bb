package io.pulseboard.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.feed.SinkHealth;
import io.pulseboard.ui.dashboard.BusinessRows.Amount;
import io.pulseboard.ui.dashboard.BusinessRows.Pace;
import io.pulseboard.ui.dashboard.BusinessRows.ProductRow;
import io.pulseboard.ui.dashboard.BusinessRows.RegionTargets;
import io.pulseboard.ui.dashboard.BusinessRows.TargetProgress;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The business page and the region drill-down without a toolkit: exact figures and texts. */
class BusinessViewModelTest {

    private static final DisplayFormat US = DisplayFormat.of(Locale.US, "USD");
    private final MovingClock clock = new MovingClock(Snapshots.T);
    private final DashboardViewModel vm = new DashboardViewModel(Optional.empty(), 0, clock, US);

    private void showAt(Instant takenAt, SinkHealth reference) {
        vm.setZone(ZoneOffset.UTC);
        clock.set(takenAt);
        vm.accept(Snapshots.withBusiness(Snapshots.of(100, 10), takenAt, Businesses.sample(reference)));
        vm.pulse();
    }

    private RegionTargets targetsOf(String region) {
        return vm.business().targets().stream()
                .filter(t -> t.region().equals(region))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void judgesEachRegionsHourAndDayAgainstTheTargetsShareOfTheTimeGoneBy() {
        showAt(Instant.parse("2026-11-28T13:45:00Z"), Businesses.referenceUp());

        assertThat(vm.business().targets())
                .extracting(RegionTargets::region)
                .as("every region of the figures, by name; EU and US sell but have no hour yet")
                .containsExactly("APAC", "EU", "EU-WEST", "LATAM", "US");
        TargetProgress hour = targetsOf("EU-WEST").hour().orElseThrow();
        assertThat(hour.percent()).contains(84.12);
        assertThat(hour.expected()).isEqualByComparingTo("7500.00");
        assertThat(hour.pace()).isEqualTo(Pace.ON_PACE);
        assertThat(hour.amountText()).isEqualTo("$8,412.00 of $10,000.00");
        assertThat(hour.percentText()).isEqualTo("84.1%");
        assertThat(hour.detailText()).isEqualTo("13:00–14:00 · on pace ($7,500.00 expected by 13:45)");

        // 13 h 45 min of the day gone: 240,000 * 49,500 / 86,400 = 137,500 expected, 120,000 made
        TargetProgress day = targetsOf("EU-WEST").day().orElseThrow();
        assertThat(day.percent()).contains(50.0);
        assertThat(day.expected()).isEqualByComparingTo("137500.00");
        assertThat(day.pace()).isEqualTo(Pace.BEHIND);
        assertThat(day.amountText()).isEqualTo("$120,000.00 of $240,000.00");
        assertThat(day.detailText()).isEqualTo("2026-11-28 (UTC day) · behind: $137,500.00 expected by 13:45");

        TargetProgress apac = targetsOf("APAC").hour().orElseThrow();
        assertThat(apac.percentText()).isEqualTo("60.0%");
        assertThat(apac.pace()).isEqualTo(Pace.BEHIND);
        assertThat(apac.detailText()).isEqualTo("13:00–14:00 · behind: $3,750.00 expected by 13:45");

        TargetProgress latam = targetsOf("LATAM").hour().orElseThrow();
        assertThat(latam.pace()).isEqualTo(Pace.NO_TARGET);
        assertThat(latam.percent()).isEmpty();
        assertThat(latam.amountText()).isEqualTo("$950.50");
        assertThat(latam.percentText()).isEmpty();
        assertThat(latam.detailText()).isEqualTo("13:00–14:00 · no target: region not in the reference data");
        assertThat(targetsOf("EU").hour()).isEmpty();
        assertThat(targetsOf("EU").day()).isEmpty();
    }

    @Test
    void doesNotJudgeThePaceEarlyInThePeriodAndSaysHowAnEndedHourClosed() {
        showAt(Instant.parse("2026-11-28T13:04:59Z"), Businesses.referenceUp());
        TargetProgress early = targetsOf("APAC").hour().orElseThrow();
        assertThat(early.pace()).isEqualTo(Pace.EARLY);
        assertThat(early.detailText()).isEqualTo("13:00–14:00 · too early to judge the pace");

        showAt(Instant.parse("2026-11-28T14:00:10Z"), Businesses.referenceUp());
        TargetProgress ended = targetsOf("APAC").hour().orElseThrow();
        assertThat(ended.pace()).isEqualTo(Pace.BEHIND);
        assertThat(ended.expected()).isEqualByComparingTo("5000.00");
        assertThat(ended.detailText()).isEqualTo("13:00–14:00 · ended, $2,000.00 short");
    }

    @Test
    void sumsCategoriesAndChannelsOverTheRegionsInAFixedOrder() {
        showAt(Instant.parse("2026-11-28T13:05:00Z"), Businesses.referenceUp());

        assertThat(vm.business().categories())
                .as("by name, the unlisted-product category last; Electronics = 100.10 + 50.05")
                .containsExactly(
                        new Amount("Apparel", new BigDecimal("30.00"), 1),
                        new Amount("Books", new BigDecimal("20.00"), 3),
                        new Amount("Electronics", new BigDecimal("150.15"), 3),
                        new Amount("(unlisted product)", new BigDecimal("5.00"), 1));
        assertThat(vm.business().channels())
                .containsExactly(
                        new Amount("mobile", new BigDecimal("25.00"), 1),
                        new Amount("store", new BigDecimal("30.00"), 1),
                        new Amount("web", new BigDecimal("150.15"), 6));
        BigDecimal regionsTotal = new BigDecimal("205.15");
        assertThat(vm.business().categories().stream().map(Amount::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(regionsTotal);
        assertThat(vm.business().channels().stream().map(Amount::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(regionsTotal);
        assertThat(vm.business().windowLabelProperty().get()).isEqualTo("12:59–13:04");
        assertThat(vm.businessFreshnessProperty().get().text()).isEqualTo("stalled · 1 min");
    }

    @Test
    void drillsIntoARegionsCategoriesChannelsProductsAndTargetsAndFillsTheTargetForm() {
        showAt(Instant.parse("2026-11-28T13:03:30Z"), Businesses.referenceUp());
        assertThat(vm.business().windowLabelProperty().get()).isEqualTo("12:59–13:04 (open)");

        vm.openRegion("EU-WEST");

        assertThat(vm.business().drillRegionProperty().get()).isEqualTo("EU-WEST");
        assertThat(vm.business().regionCategories())
                .containsExactly(
                        new Amount("Books", new BigDecimal("20.00"), 3),
                        new Amount("Electronics", new BigDecimal("100.10"), 2));
        assertThat(vm.business().regionChannels())
                .containsExactly(
                        new Amount("store", new BigDecimal("30.00"), 1), new Amount("web", new BigDecimal("90.10"), 4));
        assertThat(vm.business().regionProducts())
                .containsExactly(
                        new ProductRow(1, "P-0007", "P-0007", new BigDecimal("70.10"), 2, 1),
                        new ProductRow(2, "P-0003", "P-0003", new BigDecimal("30.00"), 2, 1),
                        new ProductRow(3, "P-0012", "P-0012", new BigDecimal("20.00"), 6, 3));
        RegionTargets targets = vm.business().regionTargetsProperty().get();
        assertThat(targets.region()).isEqualTo("EU-WEST");
        assertThat(targets.hour().orElseThrow().percentText()).isEqualTo("84.1%");
        assertThat(targets.hour().orElseThrow().pace()).isEqualTo(Pace.EARLY);
        assertThat(vm.business().form().regionProperty().get()).isEqualTo("EU-WEST");
        assertThat(vm.business().form().perHourTextProperty().get()).isEqualTo("10,000.00");
        assertThat(vm.business().form().perDayTextProperty().get()).isEqualTo("240,000.00");
        assertThat(vm.business().form().editable()).isFalse();
        assertThat(vm.business().form().unavailableReason()).isEqualTo(TargetForm.UNAVAILABLE);

        // The next snapshot updates the drill-down, not what the user typed.
        vm.business().form().perHourTextProperty().set("12,000");
        showAt(Instant.parse("2026-11-28T13:55:00Z"), Businesses.referenceUp());
        // 8,412 made, 10,000 * 55 / 60 = 9,166.67 expected by 13:55
        assertThat(vm.business()
                        .regionTargetsProperty()
                        .get()
                        .hour()
                        .orElseThrow()
                        .detailText())
                .isEqualTo("13:00–14:00 · behind: $9,166.67 expected by 13:55");
        assertThat(vm.business().form().perHourTextProperty().get()).isEqualTo("12,000");

        vm.closeRegion();
        assertThat(vm.business().drillRegionProperty().get()).isEmpty();
    }

    @Test
    void showsThePostgresqlPublishersHealthAsALightThatIsOffWithoutADatabase() {
        assertThat(vm.referenceLightProperty().get().level()).isEqualTo(StatusLight.Level.OFF);

        showAt(Instant.parse("2026-11-28T13:05:00Z"), Businesses.referenceUp());
        assertThat(vm.referenceLightProperty().get())
                .isEqualTo(new StatusLight(StatusLight.Level.OK, "PostgreSQL up, 12 reference changes published"));

        showAt(
                Instant.parse("2026-11-28T13:05:01Z"),
                new SinkHealth(
                        "reference",
                        SinkHealth.State.DOWN,
                        12,
                        0,
                        0,
                        3,
                        0,
                        Optional.of("Connection to 127.0.0.1:5432 refused"),
                        Snapshots.T));
        assertThat(vm.referenceLightProperty().get())
                .isEqualTo(new StatusLight(
                        StatusLight.Level.FAILED, "PostgreSQL down, retrying: Connection to 127.0.0.1:5432 refused"));

        showAt(Instant.parse("2026-11-28T13:05:02Z"), SinkHealth.disabled("reference"));
        assertThat(vm.referenceLightProperty().get()).isEqualTo(StatusLight.off("PostgreSQL not configured"));
    }
}
