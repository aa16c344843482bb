package io.pulseboard.generate;

import io.pulseboard.reference.DemoCatalogue;
import java.math.BigDecimal;
import java.util.List;

/**
 * The demo's regions (with their share of customers) and products (with prices), taken from {@link
 * DemoCatalogue}, the same data the demo's PostgreSQL is seeded with.
 */
final class Catalog {

    record Region(String code, double weight) {}

    record Product(String id, BigDecimal price, double popularity) {}

    static final List<Region> REGIONS = DemoCatalogue.get().regions().stream()
            .map(r -> new Region(r.regionId(), r.weight()))
            .toList();

    static final List<Product> PRODUCTS = DemoCatalogue.get().products().stream()
            .map(p -> new Product(p.productId(), p.listPrice(), p.popularity()))
            .toList();

    static final List<String> CHANNELS = List.of("web", "mobile", "store");
    static final double[] CHANNEL_WEIGHTS = {0.55, 0.35, 0.10};

    private Catalog() {}
}
