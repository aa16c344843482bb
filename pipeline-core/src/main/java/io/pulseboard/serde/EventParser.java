package io.pulseboard.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.CustomerEventType;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses and validates the documented JSON of {@link SalesEvent} and {@link CustomerEvent}.
 *
 * <p>Every rejection carries a {@link RejectReason} and a detail naming the field, so a producer
 * can fix its payload from the dead-letter header alone. Stateless and thread-safe.
 *
 * <p>"Too far in the future" is judged against the record's broker timestamp (ingestion time), not
 * the wall clock, so that the same input always gives the same verdict (replays, tests).
 */
public final class EventParser {

    private final Json json;
    private final String reportingCurrency;
    private final long maxFutureSkewMs;

    public EventParser(Json json, String reportingCurrency, Duration maxFutureSkew) {
        this.json = json;
        this.reportingCurrency = reportingCurrency;
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
    }

    public Parsed<SalesEvent> parseSale(byte[] bytes, long ingestionTimeMs) {
        try {
            JsonNode node = readObject(bytes);
            Instant timestamp = timestamp(node, ingestionTimeMs);
            String eventId = text(node, "eventId");
            String region = text(node, "region");
            String productId = text(node, "productId");
            String customerId = text(node, "customerId");
            int quantity = integer(node, "quantity");
            BigDecimal unitPrice = decimal(node, "unitPrice");
            Optional<BigDecimal> givenAmount = optionalDecimal(node, "amount");
            String currency = text(node, "currency");
            String channel = text(node, "channel");
            if (quantity <= 0) {
                throw new Rejection(RejectReason.NON_POSITIVE_QUANTITY, "quantity must be at least 1, was " + quantity);
            }
            BigDecimal amount = givenAmount.orElse(unitPrice.multiply(BigDecimal.valueOf(quantity)));
            if (unitPrice.signum() < 0 || amount.signum() < 0) {
                throw new Rejection(RejectReason.NEGATIVE_PRICE, "unitPrice and amount must not be negative");
            }
            if (!reportingCurrency.equals(currency)) {
                throw new Rejection(
                        RejectReason.UNSUPPORTED_CURRENCY,
                        "currency " + currency + " is not the reporting currency " + reportingCurrency);
            }
            return new Parsed.Valid<>(new SalesEvent(
                    eventId, timestamp, region, productId, customerId, quantity, unitPrice, amount, currency, channel));
        } catch (Rejection r) {
            return Parsed.invalid(r.reason, r.getMessage());
        }
    }

    public Parsed<CustomerEvent> parseCustomer(byte[] bytes, long ingestionTimeMs) {
        try {
            JsonNode node = readObject(bytes);
            Instant timestamp = timestamp(node, ingestionTimeMs);
            String eventId = text(node, "eventId");
            String customerId = text(node, "customerId");
            String sessionId = text(node, "sessionId");
            String code = text(node, "eventType");
            CustomerEventType type = CustomerEventType.fromCode(code)
                    .orElseThrow(
                            () -> new Rejection(RejectReason.UNKNOWN_EVENT_TYPE, "unknown eventType '" + code + "'"));
            Optional<String> productId = optionalText(node, "productId");
            return new Parsed.Valid<>(new CustomerEvent(eventId, timestamp, customerId, sessionId, type, productId));
        } catch (Rejection r) {
            return Parsed.invalid(r.reason, r.getMessage());
        }
    }

    private JsonNode readObject(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new Rejection(RejectReason.EMPTY_VALUE, "the record has no value");
        }
        JsonNode node;
        try {
            node = json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Rejection(RejectReason.UNPARSEABLE_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejection(RejectReason.UNPARSEABLE_JSON, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Rejection(RejectReason.NOT_AN_OBJECT, "expected a JSON object");
        }
        return node;
    }

    private Instant timestamp(JsonNode node, long ingestionTimeMs) {
        JsonNode field = required(node, "timestamp");
        Instant timestamp;
        if (field.isTextual()) {
            try {
                timestamp = IsoInstant.parse(field.asText());
            } catch (DateTimeParseException e) {
                throw new Rejection(
                        RejectReason.INVALID_VALUE,
                        "timestamp '" + field.asText() + "' is not ISO-8601, e.g. 2026-11-28T13:00:00Z");
            }
        } else if (field.isIntegralNumber() && field.canConvertToLong()) {
            timestamp = Instant.ofEpochMilli(field.asLong());
        } else {
            throw new Rejection(RejectReason.WRONG_TYPE, "timestamp must be an ISO-8601 string or epoch milliseconds");
        }
        if (timestamp.toEpochMilli() < 0) {
            throw new Rejection(RejectReason.INVALID_VALUE, "timestamp " + timestamp + " is before 1970");
        }
        if (timestamp.toEpochMilli() > ingestionTimeMs + maxFutureSkewMs) {
            throw new Rejection(
                    RejectReason.FUTURE_TIMESTAMP,
                    "timestamp " + timestamp + " is more than " + Duration.ofMillis(maxFutureSkewMs)
                            + " after its arrival " + Instant.ofEpochMilli(ingestionTimeMs));
        }
        return timestamp;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Rejection(RejectReason.MISSING_FIELD, "missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a string");
        }
        if (value.asText().isBlank()) {
            throw new Rejection(RejectReason.INVALID_VALUE, "field '" + field + "' must not be blank");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(node, field));
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a whole number");
        }
        return value.intValue();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                throw new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a decimal number");
            }
        }
        throw new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a decimal number");
    }

    private static Optional<BigDecimal> optionalDecimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(decimal(node, field));
    }

    /** Control flow inside the parser only; never escapes it. */
    private static final class Rejection extends RuntimeException {
        private final RejectReason reason;

        Rejection(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
