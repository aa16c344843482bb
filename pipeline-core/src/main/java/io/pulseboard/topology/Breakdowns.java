package io.pulseboard.topology;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.reference.ProductInfo;
import io.pulseboard.serde.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forwards each sale three times, keyed {@code category|region|category}, {@code channel|region|channel}
 * and {@code product|region|productId}; the category comes from the product global store ({@link
 * MetricsTopology#PRODUCT_STORE}), {@link SalesBreakdownMetric#UNKNOWN_CATEGORY} for a product it does
 * not list.
 */
final class Breakdowns implements Processor<String, SalesEvent, String, SalesEvent> {
    static final String CATEGORY = SalesBreakdownMetric.CATEGORY;
    static final String CHANNEL = SalesBreakdownMetric.CHANNEL;
    static final String PRODUCT = SalesBreakdownMetric.PRODUCT;

    private final Json json;
    private final Map<String, Cached> categories = new HashMap<>();
    private ProcessorContext<String, SalesEvent> context;
    private KeyValueStore<String, byte[]> products;

    private record Cached(byte[] bytes, String category) {}

    Breakdowns(Json json) {
        this.json = json;
    }

    @Override
    public void init(ProcessorContext<String, SalesEvent> context) {
        this.context = context;
        this.products = context.getStateStore(MetricsTopology.PRODUCT_STORE);
    }

    @Override
    public void process(Record<String, SalesEvent> record) {
        SalesEvent sale = record.value();
        context.forward(record.withKey(key(CATEGORY, sale.region(), category(sale.productId()))));
        context.forward(record.withKey(key(CHANNEL, sale.region(), sale.channel())));
        context.forward(record.withKey(key(PRODUCT, sale.region(), sale.productId())));
    }

    /** The published form of one breakdown window, from its key {@code dimension|region|value}. */
    static SalesBreakdownMetric metric(String key, SalesAggregate sums, Instant start, Instant end, String currency) {
        int first = key.indexOf('|');
        int second = key.indexOf('|', first + 1);
        return new SalesBreakdownMetric(
                key.substring(0, first),
                key.substring(first + 1, second),
                key.substring(second + 1),
                start,
                end,
                sums.count(),
                sums.revenue(),
                sums.units(),
                currency,
                Instant.ofEpochMilli(sums.lastEventMs()));
    }

    private static String key(String dimension, String region, String value) {
        return dimension + "|" + region + "|" + value;
    }

    private String category(String productId) {
        byte[] bytes = products.get(productId);
        if (bytes == null) {
            categories.remove(productId);
            return SalesBreakdownMetric.UNKNOWN_CATEGORY;
        }
        Cached cached = categories.get(productId);
        if (cached == null || !Arrays.equals(cached.bytes(), bytes)) {
            String category = ReferenceStores.read(json, bytes, ProductInfo.class, productId)
                    .map(ProductInfo::category)
                    .orElse(SalesBreakdownMetric.UNKNOWN_CATEGORY);
            cached = new Cached(bytes, category);
            categories.put(productId, cached);
        }
        return cached.category();
    }
}
