package io.pulseboard.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulseboard.alert.AlertRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The local demo's reference data, from one resource ({@code demo-catalogue.json} beside this class):
 * what the demo's PostgreSQL is seeded with ({@code io.pulseboard.postgres.ReferenceSchema#seedDemo}) and what the demo
 * generator sells, so that the generated events and the reference data agree.
 *
 * @param reportingCurrency the currency targets, list prices and rates are in
 * @param regions the regions, with their share of customers
 * @param products the products, with how often each sells
 * @param segments the customer segments
 * @param exchangeRates the rates into the reporting currency
 * @param alertRules the demo's alert rules (seeded into an empty {@code alert_rules})
 */
public record DemoCatalogue(
        String reportingCurrency,
        List<Region> regions,
        List<Product> products,
        List<Segment> segments,
        List<Rate> exchangeRates,
        List<AlertRule> alertRules) {

    /** A region; {@code weight} is its share of customers (the weights sum to 1). */
    public record Region(
            String regionId,
            String name,
            String currency,
            double weight,
            BigDecimal targetPerHour,
            BigDecimal targetPerDay) {
        public RegionInfo info() {
            return new RegionInfo(regionId, name, currency, targetPerHour, targetPerDay);
        }
    }

    /** A product; {@code popularity} is its relative weight among the sales. */
    public record Product(String productId, String name, String category, BigDecimal listPrice, double popularity) {
        public ProductInfo info() {
            return new ProductInfo(productId, name, category, listPrice);
        }
    }

    /** A customer segment. */
    public record Segment(String segmentId, String name) {}

    /** One exchange rate: {@code 1 base = rate quote} from {@code validFrom} on. */
    public record Rate(String base, String quote, Instant validFrom, BigDecimal rate) {}

    private static final DemoCatalogue INSTANCE = load();

    public DemoCatalogue {
        Objects.requireNonNull(reportingCurrency, "reportingCurrency");
        regions = List.copyOf(regions);
        products = List.copyOf(products);
        segments = List.copyOf(segments);
        exchangeRates = List.copyOf(exchangeRates);
        alertRules = alertRules == null ? List.of() : List.copyOf(alertRules);
    }

    /** @return the demo catalogue; never null */
    public static DemoCatalogue get() {
        return INSTANCE;
    }

    private static DemoCatalogue load() {
        ObjectMapper mapper = new io.pulseboard.serde.Json().mapper();
        try (InputStream in = DemoCatalogue.class.getResourceAsStream("demo-catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-catalogue.json is missing from the class path");
            }
            return mapper.readValue(in, DemoCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo-catalogue.json", e);
        }
    }
}
