package io.pulseboard.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.CustomerEventType;
import io.pulseboard.event.SalesEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00Z");

    private static List<GeneratedEvent> run(long seed, int count) {
        EventGenerator generator = new EventGenerator(seed, 1000, "USD", "run");
        List<GeneratedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(generator.next(T.plusMillis(i)));
        }
        return events;
    }

    @Test
    void producesTheSameEventsForTheSameSeed() {
        assertThat(run(42, 5000)).isEqualTo(run(42, 5000));
        assertThat(run(42, 5000)).isNotEqualTo(run(43, 5000));
    }

    @Test
    void salesCarryCataloguePricesAndExactAmounts() {
        List<SalesEvent> sales = run(42, 20_000).stream()
                .filter(e -> e instanceof GeneratedEvent.Sale)
                .map(e -> ((GeneratedEvent.Sale) e).event())
                .toList();

        assertThat(sales).isNotEmpty();
        Set<BigDecimal> prices =
                Catalog.PRODUCTS.stream().map(Catalog.Product::price).collect(Collectors.toSet());
        sales.forEach(s -> {
            assertThat(prices).contains(s.unitPrice());
            assertThat(s.amount()).isEqualByComparingTo(s.unitPrice().multiply(BigDecimal.valueOf(s.quantity())));
            assertThat(s.quantity()).isBetween(1, 3);
        });
        assertThat(sales.stream().map(SalesEvent::region).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(
                        Catalog.REGIONS.stream().map(Catalog.Region::code).toList());
    }

    @Test
    void everyPurchaseIsFollowedByItsSalesAndSessionsWalkTheFunnel() {
        List<GeneratedEvent> events = run(7, 20_000);
        Map<CustomerEventType, Long> types = new HashMap<>();
        long purchases = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof GeneratedEvent.Customer c) {
                types.merge(c.event().eventType(), 1L, Long::sum);
                if (c.event().eventType() == CustomerEventType.PURCHASE && i + 1 < events.size()) {
                    purchases++;
                    assertThat(events.get(i + 1)).isInstanceOf(GeneratedEvent.Sale.class);
                    assertThat(((GeneratedEvent.Sale) events.get(i + 1)).event().customerId())
                            .isEqualTo(c.event().customerId());
                }
            }
        }
        assertThat(purchases).isPositive();
        assertThat(types.get(CustomerEventType.PAGE_VIEW)).isGreaterThan(types.get(CustomerEventType.ADD_TO_CART));
        assertThat(types.get(CustomerEventType.ADD_TO_CART)).isGreaterThan(types.get(CustomerEventType.PURCHASE));
    }

    @Test
    void dailyRhythmStaysWithinItsBoundsAndPeaksInTheEvening() {
        double evening = EventGenerator.dailyRhythm(Instant.parse("2026-11-28T20:00:00Z"));
        double night = EventGenerator.dailyRhythm(Instant.parse("2026-11-28T08:00:00Z"));
        assertThat(evening).isGreaterThan(night).isLessThanOrEqualTo(1.4);
        assertThat(night).isGreaterThanOrEqualTo(0.6);
    }
}
