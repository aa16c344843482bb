package io.pulseboard.topology;

import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.reference.ExchangeRateHistory;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.Parsed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Converts a sale into the reporting currency with the rate valid at the sale's event time, read from
 * the exchange-rate global store ({@link MetricsTopology#EXCHANGE_RATE_STORE}). The amount and unit
 * price are multiplied by the rate and rounded half-even to the reporting currency's minor unit (cents
 * for USD), one sale at a time; windows sum the rounded amounts. A sale already in the reporting
 * currency passes unchanged. A currency without a rate valid at the sale's time is UNSUPPORTED_CURRENCY,
 * with the pair and the time in the detail.
 *
 * <p>Because the rate is chosen by event time, a rate added later for an earlier period does not
 * change windows already counted, and a late sale is converted with the rate of its own time.
 */
final class CurrencyConversion implements ParseProcessor.Enrichment<SalesEvent> {

    private final Json json;
    private final String reportingCurrency;
    private final int scale;
    // The parsed history per pair, with the bytes it was parsed from: a changed record is parsed again.
    private final Map<String, Cached> cache = new HashMap<>();
    private KeyValueStore<String, byte[]> rates;

    private record Cached(byte[] bytes, ExchangeRateHistory history) {}

    CurrencyConversion(Json json, String reportingCurrency) {
        this.json = json;
        this.reportingCurrency = reportingCurrency;
        this.scale = minorDigits(reportingCurrency);
    }

    @Override
    public void init(ProcessorContext<?, ?> context) {
        rates = context.getStateStore(MetricsTopology.EXCHANGE_RATE_STORE);
    }

    @Override
    public Parsed<SalesEvent> apply(SalesEvent sale) {
        if (sale.currency().equals(reportingCurrency)) {
            return new Parsed.Valid<>(sale);
        }
        String pair = ExchangeRateHistory.key(sale.currency(), reportingCurrency);
        Optional<ExchangeRateHistory> history = history(pair);
        if (history.isEmpty()) {
            return Parsed.invalid(
                    RejectReason.UNSUPPORTED_CURRENCY,
                    "no " + pair + " exchange rate in the reference data (PostgreSQL table exchange_rates)");
        }
        Optional<BigDecimal> rate = history.get().rateAt(sale.timestamp());
        if (rate.isEmpty()) {
            String first = history.get().rates().isEmpty()
                    ? "there is none"
                    : "the first is valid from " + history.get().rates().get(0).validFrom();
            return Parsed.invalid(
                    RejectReason.UNSUPPORTED_CURRENCY,
                    "no " + pair + " exchange rate valid at " + sale.timestamp() + " (" + first + ")");
        }
        BigDecimal r = rate.get();
        return new Parsed.Valid<>(new SalesEvent(
                sale.eventId(),
                sale.timestamp(),
                sale.region(),
                sale.productId(),
                sale.customerId(),
                sale.quantity(),
                convert(sale.unitPrice(), r),
                convert(sale.amount(), r),
                reportingCurrency,
                sale.channel()));
    }

    /** {@code amount * rate}, rounded half-even to the reporting currency's minor unit. */
    BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** The minor unit of a currency: 2 for USD and EUR, 0 for JPY; 2 for a code the JDK does not know. */
    static int minorDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private Optional<ExchangeRateHistory> history(String pair) {
        byte[] bytes = rates.get(pair);
        if (bytes == null) {
            cache.remove(pair);
            return Optional.empty();
        }
        Cached cached = cache.get(pair);
        if (cached != null && Arrays.equals(cached.bytes(), bytes)) {
            return Optional.of(cached.history());
        }
        // The record was checked when it was published, and is checked again as the global store reads
        // it (ReferenceStores); one that still cannot be read counts as no rate.
        Optional<ExchangeRateHistory> read = ReferenceStores.readRates(json, bytes);
        read.ifPresent(h -> cache.put(pair, new Cached(bytes, h)));
        return read;
    }
}
