package io.pulseboard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.CustomerEventType;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.topology.EngagementAggregate;
import io.pulseboard.topology.SalesAggregate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class InternalSerdesTest {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00.123Z");

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void roundTripsEventsAndAggregatesExactly() {
        SalesEvent sale = new SalesEvent(
                "s-1", T, "EU-WEST", "P-1", "C-1", 3, new BigDecimal("19.99"), new BigDecimal("59.9700"), "USD", "web");
        CustomerEvent withProduct =
                new CustomerEvent("c-1", T, "C-1", "S-1", CustomerEventType.ADD_TO_CART, Optional.of("P-9"));
        CustomerEvent without =
                new CustomerEvent("c-2", T, "C-1", "S-1", CustomerEventType.PAGE_VIEW, Optional.empty());
        SalesAggregate sums = new SalesAggregate(12, new BigDecimal("-0.000001"), 40, T.toEpochMilli());
        EngagementAggregate engagement = new EngagementAggregate(1, 2, 3, 4, 10, 99, T.toEpochMilli());

        assertThat(roundTrip(InternalSerdes.sales(), sale)).isEqualTo(sale);
        assertThat(roundTrip(InternalSerdes.customers(), withProduct)).isEqualTo(withProduct);
        assertThat(roundTrip(InternalSerdes.customers(), without)).isEqualTo(without);
        assertThat(roundTrip(SalesAggregate.serde(), sums)).isEqualTo(sums);
        assertThat(roundTrip(EngagementAggregate.serde(), engagement)).isEqualTo(engagement);
        assertThat(roundTrip(SalesAggregate.serde(), SalesAggregate.empty())).isEqualTo(SalesAggregate.empty());
    }

    @Test
    void refusesBytesOfAnotherFormatVersionByName() {
        byte[] json = "{\"count\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SalesAggregate.serde().deserializer().deserialize("store-changelog", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SalesAggregate in store-changelog has format version");
    }
}
