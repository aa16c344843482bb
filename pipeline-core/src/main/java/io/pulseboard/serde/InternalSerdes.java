package io.pulseboard.serde;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.CustomerEventType;
import io.pulseboard.event.SalesEvent;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/** Binary serdes of the events on the topology's repartition topics. */
public final class InternalSerdes {

    private static final CustomerEventType[] TYPES = CustomerEventType.values();

    private InternalSerdes() {}

    public static Serde<SalesEvent> sales() {
        return new BinarySerde<>(
                "SalesEvent",
                1,
                (out, s) -> {
                    out.writeUTF(s.eventId());
                    out.writeLong(s.timestamp().toEpochMilli());
                    out.writeUTF(s.region());
                    out.writeUTF(s.productId());
                    out.writeUTF(s.customerId());
                    out.writeInt(s.quantity());
                    BinarySerde.writeDecimal(out, s.unitPrice());
                    BinarySerde.writeDecimal(out, s.amount());
                    out.writeUTF(s.currency());
                    out.writeUTF(s.channel());
                },
                in -> new SalesEvent(
                        in.readUTF(),
                        Instant.ofEpochMilli(in.readLong()),
                        in.readUTF(),
                        in.readUTF(),
                        in.readUTF(),
                        in.readInt(),
                        BinarySerde.readDecimal(in),
                        BinarySerde.readDecimal(in),
                        in.readUTF(),
                        in.readUTF()));
    }

    public static Serde<CustomerEvent> customers() {
        return new BinarySerde<>(
                "CustomerEvent",
                1,
                (out, e) -> {
                    out.writeUTF(e.eventId());
                    out.writeLong(e.timestamp().toEpochMilli());
                    out.writeUTF(e.customerId());
                    out.writeUTF(e.sessionId());
                    out.writeByte(e.eventType().ordinal());
                    out.writeBoolean(e.productId().isPresent());
                    if (e.productId().isPresent()) {
                        out.writeUTF(e.productId().get());
                    }
                },
                in -> {
                    String id = in.readUTF();
                    Instant at = Instant.ofEpochMilli(in.readLong());
                    String customer = in.readUTF();
                    String session = in.readUTF();
                    CustomerEventType type = TYPES[in.readByte()];
                    Optional<String> product = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
                    return new CustomerEvent(id, at, customer, session, type, product);
                });
    }
}
