package io.pulseboard.reference;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product of the catalogue: the value of the {@code reference-products} topic, keyed by {@link
 * #productId()}.
 *
 * @param productId the id sales carry in {@code productId}, e.g. {@code P-1001}
 * @param name what analysts read, e.g. {@code Wireless Mouse}
 * @param category the product category sales are summed by, e.g. {@code Electronics}
 * @param listPrice the list price in the reporting currency, not negative
 */
public record ProductInfo(String productId, String name, String category, BigDecimal listPrice) {
    public ProductInfo {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(listPrice, "listPrice");
    }
}
