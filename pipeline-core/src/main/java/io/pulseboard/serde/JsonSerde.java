package io.pulseboard.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for a record type in Pulseboard's JSON dialect. Null stays null. A value that cannot
 * be decoded raises {@link SerializationException} naming the type and topic.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Json json;
    private final Class<T> type;

    public JsonSerde(Json json, Class<T> type) {
        this.json = json;
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : json.write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return json.read(bytes, type);
            } catch (RuntimeException e) {
                throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic " + topic, e);
            }
        };
    }
}
