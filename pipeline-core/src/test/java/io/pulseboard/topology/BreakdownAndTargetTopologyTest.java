package io.pulseboard.topology;

import static io.pulseboard.topology.TopologyFixture.saleJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.reference.ProductInfo;
import io.pulseboard.reference.RegionInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales by category, channel and product, and revenue against the region's targets. */
class BreakdownAndTargetTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture(TopologyConfig.defaults());
        fixture.product(new ProductInfo("P-1", "Mouse", "Electronics", new BigDecimal("10.00")));
        fixture.product(new ProductInfo("P-2", "Notebook", "Office", new BigDecimal("2.00")));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void sumsEachRegionsSalesExactlyByCategoryChannelAndProduct() {
        fixture.sale(sale("a", T0.plusSeconds(5), "EU", "P-1", 2, "10.10", "web"), T0.plusSeconds(5));
        fixture.sale(sale("b", T0.plusSeconds(6), "EU", "P-2", 3, "0.33", "mobile"), T0.plusSeconds(6));
        fixture.sale(sale("c", T0.plusSeconds(7), "EU", "P-1", 1, "9.99", "mobile"), T0.plusSeconds(7));
        fixture.sale(sale("d", T0.plusSeconds(8), "EU", "P-9", 1, "1.00", "store"), T0.plusSeconds(8));
        fixture.sale(sale("e", T0.plusSeconds(9), "US", "P-2", 4, "0.25", "web"), T0.plusSeconds(9));

        Map<String, SalesBreakdownMetric> b = fixture.breakdowns();
        String w = "@2026-11-28T10:00:00Z";
        assertThat(cell(b.get("category:EU|Electronics" + w))).isEqualTo("2/30.19/3");
        assertThat(cell(b.get("category:EU|Office" + w))).isEqualTo("1/0.99/3");
        assertThat(cell(b.get("category:EU|" + SalesBreakdownMetric.UNKNOWN_CATEGORY + w)))
                .isEqualTo("1/1.00/1");
        assertThat(cell(b.get("category:US|Office" + w))).isEqualTo("1/1.00/4");
        assertThat(cell(b.get("channel:EU|web" + w))).isEqualTo("1/20.20/2");
        assertThat(cell(b.get("channel:EU|mobile" + w))).isEqualTo("2/10.98/4");
        assertThat(cell(b.get("channel:EU|store" + w))).isEqualTo("1/1.00/1");
        assertThat(cell(b.get("product:EU|P-1" + w))).isEqualTo("2/30.19/3");
        assertThat(cell(b.get("product:EU|P-9" + w))).isEqualTo("1/1.00/1");
        assertThat(b.get("channel:EU|web" + w).region()).isEqualTo("EU");
        assertThat(b.get("channel:EU|web" + w).value()).isEqualTo("web");
        assertThat(b.get("channel:EU|web" + w).currency()).isEqualTo("USD");
        BigDecimal euByCategory = b.values().stream()
                .filter(m -> m.dimension().equals("category")
                        && m.region().equals("EU")
                        && m.windowStart().equals(T0))
                .map(SalesBreakdownMetric::revenue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(euByCategory)
                .isEqualByComparingTo(
                        fixture.salesWindows().get("EU@2026-11-28T10:00:00Z").revenue())
                .isEqualByComparingTo("32.18");
        assertThat(b.keySet().stream().filter(k -> k.startsWith("category:EU|Electronics@")))
                .as("five windows")
                .hasSize(5);
    }

    @Test
    void aLateSaleIsOneDeadLetterAndCountsInNoBreakdown() {
        fixture.sale(sale("now", T0.plusSeconds(600), "EU", "P-1", 1, "1.00", "web"), T0.plusSeconds(600));
        fixture.breakdowns();

        fixture.sale(sale("late", T0, "EU", "P-1", 1, "1.00", "web"), T0.plusSeconds(601));

        assertThat(fixture.qualityCounts()).containsExactly(Map.entry("LATE", 1L));
        assertThat(fixture.deadLetterRecords()).hasSize(1);
        assertThat(fixture.breakdowns().keySet()).noneMatch(k -> k.endsWith("@2026-11-28T10:00:00Z"));
    }

    @Test
    void sumsEachHourAndDayAgainstTheRegionsTargetAndFollowsATargetChange() {
        fixture.region(region("EU", "1000.00", "20000.00"));
        fixture.sale(sale("a", T0.plusSeconds(60), "EU", "P-1", 2, "100.00", "web"), T0.plusSeconds(60));
        fixture.sale(sale("b", T0.plusSeconds(1800), "EU", "P-1", 1, "50.00", "web"), T0.plusSeconds(1800));

        TargetMetric hour = fixture.targets().get("EU|HOUR@2026-11-28T10:00:00Z");
        assertThat(hour.revenue()).isEqualByComparingTo("250.00");
        assertThat(hour.count()).isEqualTo(2);
        assertThat(hour.target()).isEqualByComparingTo("1000.00");
        assertThat(hour.windowEnd()).isEqualTo(Instant.parse("2026-11-28T11:00:00Z"));
        TargetMetric day = fixture.targets().get("EU|DAY@2026-11-28T00:00:00Z");
        assertThat(day.revenue()).isEqualByComparingTo("250.00");
        assertThat(day.target()).isEqualByComparingTo("20000.00");
        assertThat(day.windowEnd()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));

        fixture.region(region("EU", "400.00", "9000.00"));
        fixture.sale(sale("c", T0.plusSeconds(1900), "EU", "P-1", 1, "1.00", "web"), T0.plusSeconds(1900));
        fixture.sale(sale("u", T0.plusSeconds(1900), "US", "P-1", 1, "7.00", "web"), T0.plusSeconds(1900));

        assertThat(fixture.targets().get("EU|HOUR@2026-11-28T10:00:00Z").target())
                .isEqualByComparingTo("400.00");
        assertThat(fixture.targets().get("EU|HOUR@2026-11-28T10:00:00Z").revenue())
                .isEqualByComparingTo("251.00");
        assertThat(fixture.targets().get("EU|DAY@2026-11-28T00:00:00Z").target())
                .isEqualByComparingTo("9000.00");
        assertThat(fixture.targets().get("US|HOUR@2026-11-28T10:00:00Z").target())
                .as("a region the reference data does not list")
                .isNull();
    }

    private static RegionInfo region(String id, String perHour, String perDay) {
        return new RegionInfo(id, id + " region", "USD", new BigDecimal(perHour), new BigDecimal(perDay));
    }

    private static String cell(SalesBreakdownMetric m) {
        return m.count() + "/" + m.revenue().setScale(2) + "/" + m.units();
    }

    private static String sale(
            String id, Instant at, String region, String product, int quantity, String unitPrice, String channel) {
        return saleJson(id, at, region, quantity, unitPrice)
                .replace("\"productId\":\"P-1\"", "\"productId\":\"" + product + "\"")
                .replace("\"channel\":\"web\"", "\"channel\":\"" + channel + "\"");
    }
}
