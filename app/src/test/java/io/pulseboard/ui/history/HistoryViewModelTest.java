package io.pulseboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.SalesEvent;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.duckdb.DuckDbHistoryStore;
import io.pulseboard.ui.format.DisplayFormat;
import io.pulseboard.ui.history.HistoryViewModel.CompareChoice;
import io.pulseboard.ui.history.HistoryViewModel.Point;
import io.pulseboard.ui.history.HistoryViewModel.RangeChoice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The History screen's state against a real embedded store, without a JavaFX toolkit. */
class HistoryViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:30:00Z");

    @TempDir
    Path dir;

    private HistoryStore store;
    private HistoryViewModel vm;

    @BeforeEach
    void open() {
        store = new DuckDbHistoryStore(dir.resolve("history.duckdb"));
        store.appendSales(List.of(
                sale("a", "2026-11-28T11:45:10Z", "EU-WEST", "10.00"),
                sale("b", "2026-11-28T11:45:50Z", "APAC", "5.50"),
                sale("c", "2026-11-28T12:29:59Z", "EU-WEST", "1.25"),
                sale("y", "2026-11-27T11:45:30Z", "EU-WEST", "7.00"),
                sale("old", "2026-11-28T11:29:59Z", "EU-WEST", "99.00")));
        vm = new HistoryViewModel(
                () -> Optional.of(store), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, Runnable::run);
        vm.zoneProperty().set(ZoneOffset.UTC);
        vm.formatProperty().set(DisplayFormat.of(Locale.US, "USD"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static SalesEvent sale(String id, String at, String region, String amount) {
        return new SalesEvent(
                id,
                Instant.parse(at),
                region,
                "P-1",
                "C-1",
                1,
                new BigDecimal(amount),
                new BigDecimal(amount),
                "USD",
                "web");
    }

    @Test
    void showsTheLastHourPerMinuteAndRegionInTheTableAndChart() {
        vm.rangeProperty().set(RangeChoice.LAST_HOUR);
        vm.refresh().join();

        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.rows())
                .extracting(r -> r.bucket() + " " + r.region() + " "
                        + r.revenue().stripTrailingZeros().toPlainString())
                .containsExactly(
                        "2026-11-28 11:45 APAC 5.5", "2026-11-28 11:45 EU-WEST 10", "2026-11-28 12:29 EU-WEST 1.25");
        assertThat(vm.current()).extracting(Point::label).containsExactly("2026-11-28 11:45", "2026-11-28 12:29");
        assertThat(vm.current()).noneMatch(Point::partial);
        assertThat(vm.current().get(0).revenue()).isEqualByComparingTo("15.50");
        assertThat(vm.csvRows())
                .containsExactly(
                        "bucket_start,region,revenue_USD,orders,units,partial",
                        "2026-11-28T11:45:00Z,APAC,5.50,1,1,false",
                        "2026-11-28T11:45:00Z,EU-WEST,10.00,1,1,false",
                        "2026-11-28T12:29:00Z,EU-WEST,1.25,1,1,false");
        assertThat(vm.timeHeadingProperty().get()).isEqualTo("Bucket start (Z)");
    }

    @Test
    void comparesWithTheSameTimeYesterdayOnTheSameAxis() {
        vm.compareProperty().set(CompareChoice.YESTERDAY);
        vm.selectedRegions().add("EU-WEST");
        vm.refresh().join();

        assertThat(vm.current()).extracting(Point::label).containsExactly("2026-11-28 11:45", "2026-11-28 12:29");
        assertThat(vm.previous()).extracting(Point::label).containsExactly("2026-11-28 11:45");
        assertThat(vm.previous().get(0).revenue()).isEqualByComparingTo("7.00");
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::region).containsOnly("EU-WEST");
    }

    @Test
    void theBucketStillFillingIsMarkedPartialInTheChartTableCsvAndSummary() {
        store.appendSales(List.of(sale("now", "2026-11-28T12:30:00Z", "EU-WEST", "2.00")));

        vm.refresh().join();

        assertThat(vm.current())
                .extracting(p -> p.label() + " " + p.partial())
                .containsExactly("2026-11-28 11:45 false", "2026-11-28 12:29 false", "2026-11-28 12:30 (partial) true");
        assertThat(vm.rows().get(vm.rows().size() - 1).bucket()).isEqualTo("2026-11-28 12:30 (partial)");
        assertThat(vm.csvRows()).endsWith("2026-11-28T12:30:00Z,EU-WEST,2.00,1,1,true");
        assertThat(vm.summaryProperty().get())
                .isEqualTo("Revenue $18.75 in 3 buckets | 12:30 is still filling (dashed)");
    }

    @Test
    void theComparisonsBucketAtThePartialMomentSharesItsLabelSoTheAxisHasOnePositionForIt() {
        store.appendSales(List.of(
                sale("now", "2026-11-28T12:30:00Z", "EU-WEST", "2.00"),
                sale("yesterday-now", "2026-11-27T12:30:20Z", "EU-WEST", "3.00")));
        vm.compareProperty().set(CompareChoice.YESTERDAY);

        vm.refresh().join();

        assertThat(vm.current().get(vm.current().size() - 1).label()).isEqualTo("2026-11-28 12:30 (partial)");
        assertThat(vm.previous())
                .extracting(p -> p.label() + " " + p.partial())
                .containsExactly("2026-11-28 11:45 false", "2026-11-28 12:30 (partial) false");
    }

    @Test
    void aCustomRangeThatEndedHasNoPartialBucket() {
        store.appendSales(List.of(sale("now", "2026-11-28T12:30:00Z", "EU-WEST", "2.00")));
        vm.rangeProperty().set(RangeChoice.CUSTOM);
        vm.customFromProperty().set(Instant.parse("2026-11-28T11:00:00Z"));
        vm.customToProperty().set(Instant.parse("2026-11-28T12:30:00Z"));

        vm.refresh().join();

        assertThat(vm.current()).noneMatch(Point::partial);
        assertThat(vm.summaryProperty().get()).isEqualTo("Revenue $115.75 in 3 buckets");
    }

    @Test
    void showsDatesAndTimesInTheChosenZoneOnTheAxisTableAndCsv() {
        vm.zoneProperty().set(ZoneId.of("Asia/Tokyo"));
        vm.rangeProperty().set(RangeChoice.LAST_7_DAYS);

        vm.refresh().join();

        assertThat(vm.timeHeadingProperty().get()).isEqualTo("Bucket start (Asia/Tokyo)");
        assertThat(vm.current())
                .extracting(Point::label)
                .containsExactly("2026-11-27 20:00", "2026-11-28 20:00", "2026-11-28 21:00 (partial)");
        assertThat(vm.rows())
                .extracting(HistoryViewModel.Row::bucket)
                .containsExactly(
                        "2026-11-27 20:00", "2026-11-28 20:00", "2026-11-28 20:00", "2026-11-28 21:00 (partial)");
        assertThat(vm.csvRows())
                .containsExactly(
                        "bucket_start,region,revenue_USD,orders,units,partial",
                        "2026-11-27T20:00:00+09:00,EU-WEST,7.00,1,1,false",
                        "2026-11-28T20:00:00+09:00,APAC,5.50,1,1,false",
                        "2026-11-28T20:00:00+09:00,EU-WEST,109.00,2,2,false",
                        "2026-11-28T21:00:00+09:00,EU-WEST,1.25,1,1,true");
    }

    @Test
    void saysClearlyWhenTheStoreIsUnreachable() {
        store.close();

        vm.refresh().join();

        assertThat(vm.errorProperty().get()).startsWith("History store unreachable: ");
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void rejectsACustomRangeThatEndsBeforeItStarts() {
        vm.rangeProperty().set(RangeChoice.CUSTOM);
        vm.customFromProperty().set(NOW);
        vm.customToProperty().set(NOW.minusSeconds(60));

        vm.refresh().join();

        assertThat(vm.errorProperty().get()).isEqualTo("Choose a custom start before its end");
    }
}
