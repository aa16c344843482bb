package io.pulseboard.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.SalesEvent;
import io.pulseboard.reference.DemoCatalogue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PricingTest {

    private final Pricing local = Pricing.localCurrencies(DemoCatalogue.get());

    @Test
    void pricesEachRegionInItsCatalogueCurrencyAtListPriceOverTheRate() {
        assertThat(local.currency("EU-WEST")).isEqualTo("EUR");
        assertThat(local.currency("APAC")).isEqualTo("JPY");
        assertThat(local.currency("NA-EAST")).isEqualTo("USD");
        assertThat(local.price("EU-WEST", new BigDecimal("24.99"))).isEqualByComparingTo("23.03"); // /1.0850
        assertThat(local.price("APAC", new BigDecimal("24.99"))).isEqualByComparingTo("3730"); // /0.0067
        assertThat(local.price("APAC", new BigDecimal("24.99")).scale()).isZero();
        assertThat(local.price("NA-EAST", new BigDecimal("24.99"))).isEqualByComparingTo("24.99");
    }

    @Test
    void theGeneratorSellsInTheRegionsCurrenciesWithAmountsOfQuantityTimesLocalPrice() {
        EventGenerator generator = new EventGenerator(3, 200, local, "t");
        List<SalesEvent> sales = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T12:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            if (generator.next(at) instanceof GeneratedEvent.Sale sale) {
                sales.add(sale.event());
            }
        }
        Map<String, java.util.Set<String>> currencies = sales.stream()
                .collect(Collectors.groupingBy(
                        SalesEvent::region, Collectors.mapping(SalesEvent::currency, Collectors.toSet())));
        assertThat(currencies)
                .containsEntry("EU-WEST", java.util.Set.of("EUR"))
                .containsEntry("EU-CENTRAL", java.util.Set.of("EUR"))
                .containsEntry("APAC", java.util.Set.of("JPY"))
                .containsEntry("NA-EAST", java.util.Set.of("USD"));
        assertThat(sales)
                .allSatisfy(s -> assertThat(s.amount())
                        .isEqualByComparingTo(s.unitPrice().multiply(BigDecimal.valueOf(s.quantity()))));
    }
}
