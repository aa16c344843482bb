package io.pulseboard.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
 * <p>Decimals keep the scale they are written with ({@code 19.90} stays {@code 19.90}). The tree
 * parse before the streaming one stripped trailing zeros (Jackson's
 * {@code STRIP_TRAILING_BIGDECIMAL_ZEROES}), so that {@code 100.00} became {@code 1E+2} in the
 * revenue sums; every other verdict and detail is the tree parse's, except that a value that starts
 * as an array is NOT_AN_OBJECT even when it is also malformed.
 *
 * <p>"Too far in the future" is judged against the record's broker timestamp (ingestion time), not
 * the wall clock, so that the same input always gives the same verdict (replays, tests).
 */
public final class EventParser {

    private final JsonFactory factory;
    /** The one currency accepted, or null to accept any ISO-4217-shaped code (converted later). */
    private final String reportingCurrency;

    private final long maxFutureSkewMs;

    /**
     * A parser that accepts sales in {@code reportingCurrency} only; any other currency is
     * UNSUPPORTED_CURRENCY.
     */
    public EventParser(Json json, String reportingCurrency, Duration maxFutureSkew) {
        this(json, maxFutureSkew, java.util.Objects.requireNonNull(reportingCurrency, "reportingCurrency"));
    }

    private EventParser(Json json, Duration maxFutureSkew, String reportingCurrency) {
        this.factory = json.mapper().getFactory();
        this.reportingCurrency = reportingCurrency;
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
    }

    /**
     * A parser that accepts a sale in any currency whose code is three capital letters, for a topology
     * that converts it ({@code CurrencyConversion}); another code is INVALID_VALUE.
     */
    public static EventParser anyCurrency(Json json, Duration maxFutureSkew) {
        return new EventParser(json, maxFutureSkew, null);
    }

    private static final String[] SALE_FIELDS = {
        "timestamp",
        "eventId",
        "region",
        "productId",
        "customerId",
        "quantity",
        "unitPrice",
        "amount",
        "currency",
        "channel"
    };
    private static final String[] CUSTOMER_FIELDS = {
        "timestamp", "eventId", "customerId", "sessionId", "eventType", "productId"
    };

    public Parsed<SalesEvent> parseSale(byte[] bytes, long ingestionTimeMs) {
        try {
            Fields node = readObject(bytes, SALE_FIELDS);
            Instant timestamp = timestamp(node, ingestionTimeMs);
            String eventId = node.text("eventId");
            String region = node.text("region");
            String productId = node.text("productId");
            String customerId = node.text("customerId");
            int quantity = node.integer("quantity");
            BigDecimal unitPrice = node.decimal("unitPrice");
            Optional<BigDecimal> givenAmount = node.optionalDecimal("amount");
            String currency = node.text("currency");
            String channel = node.text("channel");
            if (quantity <= 0) {
                throw new Rejection(RejectReason.NON_POSITIVE_QUANTITY, "quantity must be at least 1, was " + quantity);
            }
            BigDecimal amount = givenAmount.orElse(unitPrice.multiply(BigDecimal.valueOf(quantity)));
            if (unitPrice.signum() < 0 || amount.signum() < 0) {
                throw new Rejection(RejectReason.NEGATIVE_PRICE, "unitPrice and amount must not be negative");
            }
            if (reportingCurrency == null) {
                if (!isCurrencyCode(currency)) {
                    throw new Rejection(
                            RejectReason.INVALID_VALUE,
                            "currency must be an ISO-4217 code of three capital letters, was '" + currency + "'");
                }
            } else if (!reportingCurrency.equals(currency)) {
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
            Fields node = readObject(bytes, CUSTOMER_FIELDS);
            Instant timestamp = timestamp(node, ingestionTimeMs);
            String eventId = node.text("eventId");
            String customerId = node.text("customerId");
            String sessionId = node.text("sessionId");
            String code = node.text("eventType");
            CustomerEventType type = CustomerEventType.fromCode(code)
                    .orElseThrow(
                            () -> new Rejection(RejectReason.UNKNOWN_EVENT_TYPE, "unknown eventType '" + code + "'"));
            Optional<String> productId = node.optionalText("productId");
            return new Parsed.Valid<>(new CustomerEvent(eventId, timestamp, customerId, sessionId, type, productId));
        } catch (Rejection r) {
            return Parsed.invalid(r.reason, r.getMessage());
        }
    }

    /**
     * Reads the top-level fields an event needs with a streaming parser (no tree: the parse is on
     * every event's path), checking that the whole value is one well-formed JSON object.
     */
    private Fields readObject(byte[] bytes, String[] wanted) {
        if (bytes == null || bytes.length == 0) {
            throw new Rejection(RejectReason.EMPTY_VALUE, "the record has no value");
        }
        try (JsonParser parser = factory.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejection(RejectReason.NOT_AN_OBJECT, "expected a JSON object");
            }
            Fields fields = new Fields(wanted);
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                int index = fields.indexOf(parser.currentName());
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
                if (index >= 0) {
                    fields.set(
                            index,
                            value,
                            value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new Rejection(RejectReason.UNPARSEABLE_JSON, "not JSON: the object is not closed");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new Rejection(RejectReason.UNPARSEABLE_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejection(RejectReason.UNPARSEABLE_JSON, "not JSON: " + e.getMessage());
        }
    }

    private Instant timestamp(Fields node, long ingestionTimeMs) {
        JsonToken token = node.required("timestamp");
        String text = node.raw("timestamp");
        Instant timestamp;
        if (token == JsonToken.VALUE_STRING) {
            try {
                timestamp = IsoInstant.parse(text);
            } catch (DateTimeParseException e) {
                throw new Rejection(
                        RejectReason.INVALID_VALUE,
                        "timestamp '" + text + "' is not ISO-8601, e.g. 2026-11-28T13:00:00Z");
            }
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            timestamp = Instant.ofEpochMilli(epochMillis(text));
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

    private static long epochMillis(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new Rejection(RejectReason.WRONG_TYPE, "timestamp must be an ISO-8601 string or epoch milliseconds");
        }
    }

    /**
     * The wanted top-level fields of one object: each one's token (a nested object or array as its
     * start token; absent as null) and its text. A field given twice keeps its last value, as a
     * tree parse would.
     */
    private static final class Fields {
        private final String[] names;
        private final JsonToken[] tokens;
        private final String[] texts;

        Fields(String[] names) {
            this.names = names;
            this.tokens = new JsonToken[names.length];
            this.texts = new String[names.length];
        }

        int indexOf(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        void set(int index, JsonToken token, String text) {
            tokens[index] = token;
            texts[index] = text;
        }

        private int index(String field) {
            int index = indexOf(field);
            if (index < 0) {
                throw new IllegalArgumentException("field " + field + " is not read by this parse");
            }
            return index;
        }

        /** The field's token, or null when it is absent or null. */
        JsonToken token(String field) {
            JsonToken token = tokens[index(field)];
            return token == JsonToken.VALUE_NULL ? null : token;
        }

        String raw(String field) {
            return texts[index(field)];
        }

        JsonToken required(String field) {
            JsonToken token = token(field);
            if (token == null) {
                throw new Rejection(RejectReason.MISSING_FIELD, "missing field '" + field + "'");
            }
            return token;
        }

        String text(String field) {
            if (required(field) != JsonToken.VALUE_STRING) {
                throw new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a string");
            }
            String text = raw(field);
            if (text.isBlank()) {
                throw new Rejection(RejectReason.INVALID_VALUE, "field '" + field + "' must not be blank");
            }
            return text;
        }

        Optional<String> optionalText(String field) {
            return token(field) == null ? Optional.empty() : Optional.of(text(field));
        }

        int integer(String field) {
            if (required(field) != JsonToken.VALUE_NUMBER_INT) {
                throw notAWholeNumber(field);
            }
            try {
                return Integer.parseInt(raw(field));
            } catch (NumberFormatException e) {
                throw notAWholeNumber(field); // beyond an int
            }
        }

        private static Rejection notAWholeNumber(String field) {
            return new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a whole number");
        }

        BigDecimal decimal(String field) {
            JsonToken token = required(field);
            if (token != JsonToken.VALUE_NUMBER_INT
                    && token != JsonToken.VALUE_NUMBER_FLOAT
                    && token != JsonToken.VALUE_STRING) {
                throw notADecimal(field);
            }
            try {
                return new BigDecimal(raw(field));
            } catch (NumberFormatException e) {
                throw notADecimal(field);
            }
        }

        private static Rejection notADecimal(String field) {
            return new Rejection(RejectReason.WRONG_TYPE, "field '" + field + "' must be a decimal number");
        }

        Optional<BigDecimal> optionalDecimal(String field) {
            return token(field) == null ? Optional.empty() : Optional.of(decimal(field));
        }
    }

    /** Control flow inside the parser only; never escapes it. */
    private static final class Rejection extends RuntimeException {
        private final RejectReason reason;

        Rejection(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private static boolean isCurrencyCode(String code) {
        return code.length() == 3
                && Character.isUpperCase(code.charAt(0))
                && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }
}
