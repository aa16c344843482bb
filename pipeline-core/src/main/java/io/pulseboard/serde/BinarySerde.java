package io.pulseboard.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for values the topology keeps to itself (repartition topics and window
 * stores): no field names, no text numbers. The first byte is a format version, so a changed layout
 * fails loudly instead of decoding garbage. Public topics stay JSON.
 */
public final class BinarySerde<T> implements Serde<T> {

    /** Writes one value. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value written by the matching {@link Writer}. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final String name;
    private final byte version;
    private final Writer<T> writer;
    private final Reader<T> reader;

    public BinarySerde(String name, int version, Writer<T> writer, Reader<T> reader) {
        this.name = name;
        this.version = (byte) version;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(version);
                writer.write(out, value);
            } catch (IOException e) {
                throw new SerializationException("Cannot encode " + name, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte found = in.readByte();
                if (found != version) {
                    throw new SerializationException(
                            name + " in " + topic + " has format version " + found + ", expected " + version);
                }
                return reader.read(in);
            } catch (IOException e) {
                throw new SerializationException("Cannot decode " + name + " from " + topic, e);
            }
        };
    }

    /** Exact decimal: scale, then the unscaled value's bytes. */
    public static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        byte[] unscaled = value.unscaledValue().toByteArray();
        out.writeInt(value.scale());
        out.writeShort(unscaled.length);
        out.write(unscaled);
    }

    public static BigDecimal readDecimal(DataInputStream in) throws IOException {
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readUnsignedShort()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
