package io.pulseboard.reference;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A sales region with its targets: the value of the {@code reference-regions} topic, keyed by {@link
 * #regionId()}.
 *
 * @param regionId the code sales carry in {@code region}, e.g. {@code EU-WEST}
 * @param name what analysts read, e.g. {@code Europe West}
 * @param currency the currency the region's shops sell in, ISO-4217
 * @param targetPerHour revenue target per hour, in the reporting currency, not negative
 * @param targetPerDay revenue target per day (UTC), in the reporting currency, not negative
 */
public record RegionInfo(
        String regionId, String name, String currency, BigDecimal targetPerHour, BigDecimal targetPerDay) {
    public RegionInfo {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(targetPerHour, "targetPerHour");
        Objects.requireNonNull(targetPerDay, "targetPerDay");
    }
}
