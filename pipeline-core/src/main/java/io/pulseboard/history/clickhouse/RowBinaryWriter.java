package io.pulseboard.history.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes rows in ClickHouse's {@code RowBinary} format into a growable buffer: little-endian integers,
 * strings as a LEB128 length and UTF-8 bytes, {@code DateTime} as seconds in a UInt32, {@code
 * Decimal(P, S)} as the unscaled value in 8 ({@code P <= 18}) or 16 bytes. Not thread-safe: one per
 * batch.
 */
final class RowBinaryWriter {
    private static final BigInteger INT128_MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger INT128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    private byte[] buf;
    private int size;

    RowBinaryWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    RowBinaryWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length + 5);
        int length = bytes.length;
        while ((length & ~0x7F) != 0) {
            buf[size++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        buf[size++] = (byte) length;
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    RowBinaryWriter uint8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    RowBinaryWriter int32(int value) {
        return littleEndian(value, 4);
    }

    /** A {@code DateTime}: seconds since the epoch, unsigned 32 bits. */
    RowBinaryWriter uint32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a UInt32 (DateTime seconds): " + value);
        }
        return littleEndian(value, 4);
    }

    RowBinaryWriter int64(long value) {
        return littleEndian(value, 8);
    }

    /** A {@code Decimal(18, scale)} (Decimal64). */
    RowBinaryWriter decimal64(BigDecimal value, int scale) {
        return int64(unscaled(value, scale).longValueExact());
    }

    /** A {@code Decimal(38, scale)} (Decimal128). */
    RowBinaryWriter decimal128(BigDecimal value, int scale) {
        BigInteger unscaled = unscaled(value, scale);
        if (unscaled.compareTo(INT128_MIN) < 0 || unscaled.compareTo(INT128_MAX) > 0) {
            throw new ArithmeticException("out of Decimal128 range: " + value);
        }
        littleEndian(unscaled.longValue(), 8);
        return littleEndian(unscaled.shiftRight(64).longValue(), 8);
    }

    private static BigInteger unscaled(BigDecimal value, int scale) {
        // UNNECESSARY: a value with more decimals than the column keeps is refused, never rounded.
        return value.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue();
    }

    private RowBinaryWriter littleEndian(long value, int bytes) {
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
