package io.pulseboard.topology;

import static io.pulseboard.topology.TopologyFixture.header;
import static io.pulseboard.topology.TopologyFixture.saleJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.reference.ExchangeRateHistory.Rate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales in other currencies, converted with the rate valid at each sale's event time. */
class CurrencyConversionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture(TopologyConfig.defaults());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void convertsEachSaleWithTheRateValidAtItsEventTimeAcrossARateChange() {
        fixture.rates("EUR", "USD", rate(T0, "1.10"), rate(T0.plusSeconds(120), "1.20"));

        fixture.sale(eur("a", T0.plusSeconds(60), "10.00"), T0.plusSeconds(60)); // 10:01:00 at 1.10
        fixture.sale(eur("b", T0.plusSeconds(150), "10.00"), T0.plusSeconds(150)); // 10:02:30 at 1.20

        Map<String, SalesWindowMetric> windows = fixture.salesWindows();
        assertThat(windows.get("EU@2026-11-28T10:00:00Z").revenue()).isEqualByComparingTo("23.00");
        assertThat(windows.get("EU@2026-11-28T10:00:00Z").currency()).isEqualTo("USD");
        assertThat(windows.get("EU@2026-11-28T10:00:00Z").count()).isEqualTo(2);
        assertThat(windows.get("EU@2026-11-28T10:02:00Z").revenue()).isEqualByComparingTo("12.00");
        assertThat(windows.get("EU@2026-11-28T09:57:00Z").revenue()).isEqualByComparingTo("11.00");
        assertThat(fixture.deadLetterRecords()).isEmpty();
    }

    @Test
    void aRateAddedLaterForAnEarlierTimeChangesNoCountedSaleButConvertsLaterOnes() {
        fixture.rates("EUR", "USD", rate(T0, "1.10"));
        fixture.sale(eur("a", T0.plusSeconds(200), "10.00"), T0.plusSeconds(200)); // 10:03:20 at 1.10

        // Out of order: a rate valid from 10:03:00, published after a sale of 10:03:20 was counted.
        fixture.rates("EUR", "USD", rate(T0, "1.10"), rate(T0.plusSeconds(180), "1.30"));
        fixture.sale(eur("b", T0.plusSeconds(205), "10.00"), T0.plusSeconds(205)); // 10:03:25 at 1.30
        // Out of order too, within the grace: 10:02:40, before the new rate, at 1.10.
        fixture.sale(eur("c", T0.plusSeconds(160), "10.00"), T0.plusSeconds(206));

        Map<String, SalesWindowMetric> windows = fixture.salesWindows();
        assertThat(windows.get("EU@2026-11-28T10:03:00Z").revenue())
                .as("a: 11.00 as counted, b: 13.00")
                .isEqualByComparingTo("24.00");
        assertThat(windows.get("EU@2026-11-28T10:02:00Z").revenue()).isEqualByComparingTo("35.00");
        assertThat(windows.get("EU@2026-11-28T09:58:00Z").revenue())
                .as("only c, at the rate of its own time")
                .isEqualByComparingTo("11.00");
        assertThat(fixture.deadLetterRecords()).isEmpty();
    }

    @Test
    void roundsEachConvertedSaleToTheReportingCurrencysCents() {
        fixture.rates("JPY", "USD", rate(T0, "0.0067"));

        fixture.sale(sale("j1", T0, "JPY", "1234"), T0); // 8.2678 -> 8.27
        fixture.sale(sale("j2", T0, "JPY", "1235"), T0); // 8.2745 -> 8.27 (half-even)
        fixture.sale(sale("u1", T0, "USD", "0.01"), T0); // unchanged

        assertThat(fixture.salesWindows().get("EU@2026-11-28T10:00:00Z").revenue())
                .isEqualByComparingTo("16.55");
    }

    @Test
    void aCurrencyWithoutARateGoesToTheDeadLettersWithThePairInTheReason() {
        fixture.rates("EUR", "USD", rate(T0, "1.10"));

        fixture.sale(sale("g", T0, "GBP", "5.00"), T0);
        fixture.sale(eur("early", T0.minusSeconds(1), "5.00"), T0);

        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetterRecords();
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(d -> assertThat(header(d, "pb.dlq.reason")).isEqualTo("UNSUPPORTED_CURRENCY"));
        assertThat(header(dead.get(0), "pb.dlq.detail"))
                .isEqualTo("no GBP/USD exchange rate in the reference data (PostgreSQL table exchange_rates)");
        assertThat(header(dead.get(1), "pb.dlq.detail"))
                .isEqualTo("no EUR/USD exchange rate valid at 2026-11-28T09:59:59Z"
                        + " (the first is valid from 2026-11-28T10:00:00Z)");
        assertThat(fixture.salesWindows()).isEmpty();
        assertThat(fixture.qualityCounts()).containsExactly(Map.entry("UNSUPPORTED_CURRENCY", 2L));
    }

    @Test
    void aPairDeletedInTheReferenceDataStopsConverting() {
        fixture.rates("EUR", "USD", rate(T0, "1.10"));
        fixture.sale(eur("a", T0, "10.00"), T0);

        fixture.rates("EUR", "USD"); // tombstone
        fixture.sale(eur("b", T0.plusSeconds(1), "10.00"), T0.plusSeconds(1));

        assertThat(fixture.salesWindows().get("EU@2026-11-28T10:00:00Z").revenue())
                .isEqualByComparingTo("11.00");
        assertThat(fixture.qualityCounts()).containsExactly(Map.entry("UNSUPPORTED_CURRENCY", 1L));
    }

    @Test
    void aCodeThatIsNotThreeCapitalLettersIsAnInvalidValue() {
        fixture.sale(sale("x", T0, "euro", "1.00"), T0);

        assertThat(fixture.qualityCounts()).containsExactly(Map.entry("INVALID_VALUE", 1L));
    }

    private static Rate rate(Instant from, String rate) {
        return new Rate(from, new BigDecimal(rate));
    }

    private static String eur(String id, Instant at, String unitPrice) {
        return sale(id, at, "EUR", unitPrice);
    }

    private static String sale(String id, Instant at, String currency, String unitPrice) {
        return saleJson(id, at, "EU", 1, unitPrice)
                .replace("\"currency\":\"USD\"", "\"currency\":\"" + currency + "\"");
    }
}
