package io.pulseboard.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of customer interaction, with their JSON code and their weight in the engagement score.
 *
 * <p>The engagement score of a customer in an hour is the sum of the weights of their events in
 * that hour (documented in the README): a purchase says more about engagement than a page view.
 */
public enum CustomerEventType {
    PAGE_VIEW("page_view", 1),
    SEARCH("search", 1),
    CLICK("click", 2),
    ADD_TO_CART("add_to_cart", 5),
    REMOVE_FROM_CART("remove_from_cart", 0),
    CHECKOUT("checkout", 8),
    PURCHASE("purchase", 10);

    private final String code;
    private final int weight;

    CustomerEventType(String code, int weight) {
        this.code = code;
        this.weight = weight;
    }

    /** The JSON spelling, e.g. {@code add_to_cart}. */
    @JsonValue
    public String code() {
        return code;
    }

    /** Points this interaction adds to the hourly engagement score. */
    public int weight() {
        return weight;
    }

    /** For JSON: an unknown code is an error here; the event parser names it as UNKNOWN_EVENT_TYPE first. */
    @JsonCreator
    public static CustomerEventType ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown customer event type " + code));
    }

    public static Optional<CustomerEventType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
