package io.pulseboard.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.CustomerEventType;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON the producer writes is exactly the documented JSON the parser reads. */
class EventJsonTest {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00Z");
    private final Json json = new Json();
    private final EventParser parser = new EventParser(json, "USD", Duration.ofMinutes(5));

    @Test
    void writesASaleAsTheDocumentedJsonAndParsesItBack() {
        SalesEvent sale = new SalesEvent(
                "s-1",
                T,
                "EU-WEST",
                "P-1001",
                "C-00042",
                2,
                new BigDecimal("19.99"),
                new BigDecimal("39.98"),
                "USD",
                "web");

        String text = new String(json.write(sale), StandardCharsets.UTF_8);

        assertThat(text)
                .isEqualTo("{\"eventId\":\"s-1\",\"timestamp\":\"2026-11-28T13:00:00Z\",\"region\":\"EU-WEST\","
                        + "\"productId\":\"P-1001\",\"customerId\":\"C-00042\",\"quantity\":2,\"unitPrice\":19.99,"
                        + "\"amount\":39.98,\"currency\":\"USD\",\"channel\":\"web\"}");
        assertThat(parser.parseSale(json.write(sale), T.toEpochMilli())).isEqualTo(new Parsed.Valid<>(sale));
    }

    @Test
    void writesACustomerEventWithItsLowerCaseTypeCodeAndParsesItBack() {
        CustomerEvent event =
                new CustomerEvent("c-1", T, "C-00042", "S-9", CustomerEventType.ADD_TO_CART, Optional.of("P-1001"));

        String text = new String(json.write(event), StandardCharsets.UTF_8);

        assertThat(text)
                .isEqualTo("{\"eventId\":\"c-1\",\"timestamp\":\"2026-11-28T13:00:00Z\",\"customerId\":\"C-00042\","
                        + "\"sessionId\":\"S-9\",\"eventType\":\"add_to_cart\",\"productId\":\"P-1001\"}");
        assertThat(parser.parseCustomer(json.write(event), T.toEpochMilli())).isEqualTo(new Parsed.Valid<>(event));
        assertThat(json.read(json.write(event), CustomerEvent.class)).isEqualTo(event);
    }

    @Test
    void acceptsEpochMillisAndFillsInAMissingAmount() {
        String payload =
                "{\"eventId\":\"s-2\",\"timestamp\":" + T.toEpochMilli() + ",\"region\":\"APAC\",\"productId\":\"P\","
                        + "\"customerId\":\"C\",\"quantity\":3,\"unitPrice\":\"0.10\",\"currency\":\"USD\",\"channel\":\"store\"}";

        Parsed<SalesEvent> parsed = parser.parseSale(payload.getBytes(StandardCharsets.UTF_8), T.toEpochMilli());

        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        SalesEvent sale = ((Parsed.Valid<SalesEvent>) parsed).event();
        assertThat(sale.timestamp()).isEqualTo(T);
        assertThat(sale.amount()).isEqualByComparingTo("0.30");
    }

    @Test
    void namesTheMissingField() {
        Parsed<CustomerEvent> parsed = parser.parseCustomer(
                "{\"eventId\":\"c\",\"timestamp\":\"2026-11-28T13:00:00Z\",\"customerId\":\"C\",\"eventType\":\"click\"}"
                        .getBytes(StandardCharsets.UTF_8),
                T.toEpochMilli());

        assertThat(parsed)
                .isEqualTo(Parsed.invalid(io.pulseboard.event.RejectReason.MISSING_FIELD, "missing field 'sessionId'"));
    }

    @Test
    void roundTripsAWindowMetricWithAnExactRevenue() {
        SalesWindowMetric metric = new SalesWindowMetric(
                "EU", T, T.plusSeconds(300), 3, new BigDecimal("100.69"), 5, "USD", T.plusSeconds(20));

        assertThat(json.read(json.write(metric), SalesWindowMetric.class)).isEqualTo(metric);
    }
}
