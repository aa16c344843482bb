package io.pulseboard.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming parse keeps the verdicts and details a tree parse of the same JSON gave, and the scale
 * of every decimal (which the tree parse stripped).
 */
class EventParserTest {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00Z");
    private static final String SALE = "{\"eventId\":\"s-1\",\"timestamp\":\"2026-11-28T13:00:00Z\",\"region\":\"EU\","
            + "\"productId\":\"P-1\",\"customerId\":\"C-1\",\"quantity\":2,\"unitPrice\":19.99,\"currency\":\"USD\","
            + "\"channel\":\"web\"}";

    private final EventParser parser = new EventParser(new Json(), "USD", Duration.ofMinutes(5));

    private Parsed<SalesEvent> sale(String json) {
        return parser.parseSale(json.getBytes(StandardCharsets.UTF_8), T.toEpochMilli());
    }

    @Test
    void keepsDecimalsExactAndComputesAMissingAmount() {
        SalesEvent sale = ((Parsed.Valid<SalesEvent>) sale(SALE)).event();

        assertThat(sale.unitPrice()).isEqualByComparingTo("19.99").hasToString("19.99");
        assertThat(sale.amount()).hasToString("39.98");
    }

    @Test
    void readsDecimalsGivenAsStringsAndTimestampsGivenAsEpochMillis() {
        SalesEvent sale = ((Parsed.Valid<SalesEvent>) sale(SALE.replace("19.99", "\"0.10\"")
                        .replace("\"2026-11-28T13:00:00Z\"", Long.toString(T.toEpochMilli()))))
                .event();

        assertThat(sale.unitPrice()).hasToString("0.10");
        assertThat(sale.timestamp()).isEqualTo(T);
    }

    @Test
    void skipsUnknownFieldsWhateverTheirShapeAndKeepsTheLastOfARepeatedField() {
        String json = SALE.replace(
                        "{\"eventId\"",
                        "{\"extra\":{\"region\":\"XX\",\"list\":[1,{\"a\":[]}]},\"tags\":[\"a\"],\"eventId\"")
                .replace("\"channel\":\"web\"}", "\"channel\":\"web\",\"region\":\"APAC\"}");

        SalesEvent sale = ((Parsed.Valid<SalesEvent>) sale(json)).event();

        assertThat(sale.region()).isEqualTo("APAC");
        assertThat(sale.eventId()).isEqualTo("s-1");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("   ", RejectReason.NOT_AN_OBJECT, "expected a JSON object"),
                Arguments.of("\"text\"", RejectReason.NOT_AN_OBJECT, "expected a JSON object"),
                Arguments.of(SALE.substring(0, SALE.length() - 1), RejectReason.UNPARSEABLE_JSON, null),
                Arguments.of(SALE.replace(",\"channel\"", ",,\"channel\""), RejectReason.UNPARSEABLE_JSON, null),
                Arguments.of(
                        SALE.replace("\"region\":\"EU\"", "\"region\":null"),
                        RejectReason.MISSING_FIELD,
                        "missing field 'region'"),
                Arguments.of(
                        SALE.replace("\"region\":\"EU\"", "\"region\":{\"name\":\"EU\"}"),
                        RejectReason.WRONG_TYPE,
                        "field 'region' must be a string"),
                Arguments.of(
                        SALE.replace("\"region\":\"EU\"", "\"region\":\" \""),
                        RejectReason.INVALID_VALUE,
                        "field 'region' must not be blank"),
                Arguments.of(
                        SALE.replace("\"quantity\":2", "\"quantity\":2.0"),
                        RejectReason.WRONG_TYPE,
                        "field 'quantity' must be a whole number"),
                Arguments.of(
                        SALE.replace("\"quantity\":2", "\"quantity\":3000000000"),
                        RejectReason.WRONG_TYPE,
                        "field 'quantity' must be a whole number"),
                Arguments.of(
                        SALE.replace("19.99", "[19.99]"),
                        RejectReason.WRONG_TYPE,
                        "field 'unitPrice' must be a decimal number"),
                Arguments.of(
                        SALE.replace("19.99", "\"cheap\""),
                        RejectReason.WRONG_TYPE,
                        "field 'unitPrice' must be a decimal number"),
                Arguments.of(
                        SALE.replace("\"2026-11-28T13:00:00Z\"", "true"),
                        RejectReason.WRONG_TYPE,
                        "timestamp must be an ISO-8601 string or epoch milliseconds"),
                Arguments.of(
                        SALE.replace("\"2026-11-28T13:00:00Z\"", "99999999999999999999"),
                        RejectReason.WRONG_TYPE,
                        "timestamp must be an ISO-8601 string or epoch milliseconds"),
                Arguments.of(
                        SALE.replace("\"2026-11-28T13:00:00Z\"", "-1"),
                        RejectReason.INVALID_VALUE,
                        "timestamp 1969-12-31T23:59:59.999Z is before 1970"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("rejected")
    void rejectsWithTheReasonAndTheDetailNamingTheField(String json, RejectReason reason, String detail) {
        Parsed<SalesEvent> parsed = sale(json);

        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        Parsed.Invalid<SalesEvent> invalid = (Parsed.Invalid<SalesEvent>) parsed;
        assertThat(invalid.reason()).isEqualTo(reason);
        if (detail != null) {
            assertThat(invalid.detail()).isEqualTo(detail);
        } else {
            assertThat(invalid.detail()).startsWith("not JSON: ");
        }
    }

    @Test
    void anAmountGivenExplicitlyWinsOverPriceTimesQuantity() {
        SalesEvent sale = ((Parsed.Valid<SalesEvent>)
                        sale(SALE.replace("\"currency\"", "\"amount\":35.00,\"currency\"")))
                .event();

        assertThat(sale.amount()).isEqualTo(new BigDecimal("35.00"));
    }
}
