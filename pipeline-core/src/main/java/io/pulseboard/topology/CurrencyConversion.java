package io.pulseboard.topology;

import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.reference.CurrencyConverter;
import io.pulseboard.reference.ExchangeRateHistory;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.Parsed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Converts a sale into the reporting currency with the rate valid at the sale's event time, read from
 * the exchange-rate global store ({@link MetricsTopology#EXCHANGE_RATE_STORE}), by {@link
 * CurrencyConverter} (rounded to the minor unit, one sale at a time; windows sum the rounded amounts). A sale already in the reporting
 * currency passes unchanged. A currency without a rate valid at the sale's time is UNSUPPORTED_CURRENCY,
 * with the pair and the time in the detail.
 *
 * <p>Because the rate is chosen by event time, a rate added later for an earlier period does not
 * change windows already counted, and a late sale is converted with the rate of its own time.
 */
final class CurrencyConversion implements ParseProcessor.Enrichment<SalesEvent> {

    private final Json json;
    private final CurrencyConverter converter;
    // The parsed history per pair, with the bytes it was parsed from: a changed record is parsed again.
    private final Map<String, Cached> cache = new HashMap<>();
    private KeyValueStore<String, byte[]> rates;

    private record Cached(byte[] bytes, ExchangeRateHistory history) {}

    CurrencyConversion(Json json, String reportingCurrency) {
        this.json = json;
        this.converter = new CurrencyConverter(reportingCurrency);
    }

    @Override
    public void init(ProcessorContext<?, ?> context) {
        rates = context.getStateStore(MetricsTopology.EXCHANGE_RATE_STORE);
    }

    @Override
    public Parsed<SalesEvent> apply(SalesEvent sale) {
        if (sale.currency().equals(converter.reportingCurrency())) {
            return new Parsed.Valid<>(sale);
        }
        String pair = converter.pair(sale.currency());
        Optional<ExchangeRateHistory> history = history(pair);
        if (history.isEmpty()) {
            return Parsed.invalid(
                    RejectReason.UNSUPPORTED_CURRENCY,
                    "no " + pair + " exchange rate in the reference data (PostgreSQL table exchange_rates)");
        }
        return converter
                .convert(sale, history.get())
                .<Parsed<SalesEvent>>map(Parsed.Valid::new)
                .orElseGet(() -> Parsed.invalid(
                        RejectReason.UNSUPPORTED_CURRENCY, converter.noRateValidAt(sale.timestamp(), history.get())));
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
        // The record was checked as the global store read it (ReferenceStores); one that still cannot
        // be read counts as no rate.
        Optional<ExchangeRateHistory> read = ReferenceStores.readRates(json, bytes);
        read.ifPresent(h -> cache.put(pair, new Cached(bytes, h)));
        return read;
    }
}
