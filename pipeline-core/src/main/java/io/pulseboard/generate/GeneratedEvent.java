package io.pulseboard.generate;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.SalesEvent;

/** One event from the generator: a sale or a customer interaction. */
public sealed interface GeneratedEvent {
    record Sale(SalesEvent event) implements GeneratedEvent {}

    record Customer(CustomerEvent event) implements GeneratedEvent {}
}
