package io.pulseboard.generate;

import java.math.BigDecimal;
import java.util.List;

/** The demo's regions (with their share of customers) and products (with prices). */
final class Catalog {

    record Region(String code, double weight) {}

    record Product(String id, BigDecimal price, double popularity) {}

    static final List<Region> REGIONS = List.of(
            new Region("NA-EAST", 0.24),
            new Region("NA-WEST", 0.17),
            new Region("EU-WEST", 0.21),
            new Region("EU-CENTRAL", 0.12),
            new Region("APAC", 0.18),
            new Region("LATAM", 0.08));

    static final List<Product> PRODUCTS = List.of(
            product("P-1001", "24.99", 9),
            product("P-1002", "12.50", 12),
            product("P-1003", "89.00", 4),
            product("P-1004", "149.99", 2),
            product("P-1005", "5.49", 15),
            product("P-1006", "34.90", 7),
            product("P-1007", "219.00", 1.5),
            product("P-1008", "9.99", 13),
            product("P-1009", "59.95", 5),
            product("P-1010", "399.00", 0.8),
            product("P-1011", "17.25", 10),
            product("P-1012", "44.00", 6));

    static final List<String> CHANNELS = List.of("web", "mobile", "store");
    static final double[] CHANNEL_WEIGHTS = {0.55, 0.35, 0.10};

    private static Product product(String id, String price, double popularity) {
        return new Product(id, new BigDecimal(price), popularity);
    }

    private Catalog() {}
}
