package io.pulseboard.reference;

import io.pulseboard.event.SalesEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Converts a sale into the reporting currency with a pair's rate valid at the sale's event time: amount
 * and unit price multiplied by the rate and rounded half-even to the reporting currency's minor unit
 * (cents for USD), one sale at a time. The topology and the history sink both convert with it, so that
 * the live windows and the stored sales agree to the cent. Immutable; thread-safe.
 */
public final class CurrencyConverter {
    private final String reportingCurrency;
    private final int scale;

    /** @param reportingCurrency the ISO-4217 code every converted figure is in */
    public CurrencyConverter(String reportingCurrency) {
        this.reportingCurrency = Objects.requireNonNull(reportingCurrency, "reportingCurrency");
        this.scale = minorDigits(reportingCurrency);
    }

    /** @return the reporting currency */
    public String reportingCurrency() {
        return reportingCurrency;
    }

    /** @return the pair key of a sale's currency into the reporting currency, e.g. {@code EUR/USD} */
    public String pair(String currency) {
        return ExchangeRateHistory.key(currency, reportingCurrency);
    }

    /**
     * @param sale a sale in another currency than the reporting one
     * @param history that currency's rates into the reporting currency
     * @return the sale in the reporting currency; empty when no rate is valid at its time
     */
    public Optional<SalesEvent> convert(SalesEvent sale, ExchangeRateHistory history) {
        return history.rateAt(sale.timestamp()).map(rate -> converted(sale, rate));
    }

    /** {@code amount * rate}, rounded half-even to the reporting currency's minor unit. */
    public BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** Why a sale has no rate, for a dead letter's detail. */
    public String noRateValidAt(Instant at, ExchangeRateHistory history) {
        String first = history.rates().isEmpty()
                ? "there is none"
                : "the first is valid from " + history.rates().get(0).validFrom();
        return "no " + history.base() + "/" + history.quote() + " exchange rate valid at " + at + " (" + first + ")";
    }

    /** The minor unit of a currency: 2 for USD and EUR, 0 for JPY; 2 for a code the JDK does not know. */
    public static int minorDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private SalesEvent converted(SalesEvent sale, BigDecimal rate) {
        return new SalesEvent(
                sale.eventId(),
                sale.timestamp(),
                sale.region(),
                sale.productId(),
                sale.customerId(),
                sale.quantity(),
                convert(sale.unitPrice(), rate),
                convert(sale.amount(), rate),
                reportingCurrency,
                sale.channel());
    }
}
