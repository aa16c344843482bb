package io.pulseboard.generate;

import io.pulseboard.reference.DemoCatalogue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The currency each region's shops sell in, and a product's price there. Immutable.
 *
 * <p>{@link #reportingOnly} prices everything at list price in one currency (the pipeline's reporting
 * currency): no conversion, as before reference data. {@link #localCurrencies} sells in each region's
 * currency of the demo catalogue at the list price divided by the catalogue's rate, rounded to that
 * currency's minor unit (EUR 24.99 / 1.085 = 23.03; JPY 24.99 / 0.0067 = 3,730), so that converted back
 * the figures are close to the list prices.
 */
public final class Pricing {
    private final String defaultCurrency;
    private final Map<String, String> regionCurrency;
    private final Map<String, BigDecimal> rateToReporting;

    private Pricing(String defaultCurrency, Map<String, String> regionCurrency, Map<String, BigDecimal> rates) {
        this.defaultCurrency = Objects.requireNonNull(defaultCurrency, "defaultCurrency");
        this.regionCurrency = Map.copyOf(regionCurrency);
        this.rateToReporting = Map.copyOf(rates);
    }

    /** Every sale in {@code currency} at list price. */
    public static Pricing reportingOnly(String currency) {
        return new Pricing(currency, Map.of(), Map.of());
    }

    /**
     * Each region's sales in its own currency of the catalogue; a region whose currency has no rate into
     * the catalogue's reporting currency sells in the reporting currency.
     */
    public static Pricing localCurrencies(DemoCatalogue catalogue) {
        Map<String, BigDecimal> rates = new HashMap<>();
        for (DemoCatalogue.Rate rate : catalogue.exchangeRates()) {
            if (rate.quote().equals(catalogue.reportingCurrency())) {
                rates.merge(rate.base(), rate.rate(), (a, b) -> b); // the catalogue lists them oldest first
            }
        }
        Map<String, String> regions = new HashMap<>();
        for (DemoCatalogue.Region region : catalogue.regions()) {
            boolean priced =
                    region.currency().equals(catalogue.reportingCurrency()) || rates.containsKey(region.currency());
            regions.put(region.regionId(), priced ? region.currency() : catalogue.reportingCurrency());
        }
        return new Pricing(catalogue.reportingCurrency(), regions, rates);
    }

    /** @return the currency the region's shops sell in */
    public String currency(String region) {
        return regionCurrency.getOrDefault(region, defaultCurrency);
    }

    /** @return a product's unit price in the region's currency */
    public BigDecimal price(String region, BigDecimal listPrice) {
        String currency = currency(region);
        BigDecimal rate = rateToReporting.get(currency);
        if (rate == null) {
            return listPrice;
        }
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return listPrice.divide(rate, digits, RoundingMode.HALF_EVEN);
    }
}
