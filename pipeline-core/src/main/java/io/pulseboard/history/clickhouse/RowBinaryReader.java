package io.pulseboard.history.clickhouse;

import java.io.EOFException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a {@code FORMAT RowBinary} query result held in memory; the counterpart of {@link
 * RowBinaryWriter}. The caller knows the column types from its own {@code SELECT} (which casts every
 * column to a fixed type). Not thread-safe.
 */
final class RowBinaryReader {
    private final byte[] data;
    private int pos;

    RowBinaryReader(byte[] data) {
        this.data = data;
    }

    boolean hasMore() {
        return pos < data.length;
    }

    String string() throws EOFException {
        int length = 0;
        int shift = 0;
        while (true) {
            int b = next();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        need(length);
        String value = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    int uint8() throws EOFException {
        return next();
    }

    long int64() throws EOFException {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (data[pos++] & 0xFFL) << (8 * i);
        }
        return value;
    }

    /** A {@code Decimal(38, scale)} (Decimal128). */
    BigDecimal decimal128(int scale) throws EOFException {
        long low = int64();
        long high = int64();
        BigInteger unscaled = BigInteger.valueOf(high)
                .shiftLeft(64)
                .add(BigInteger.valueOf(low).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        return new BigDecimal(unscaled, scale);
    }

    private int next() throws EOFException {
        need(1);
        return data[pos++] & 0xFF;
    }

    private void need(int bytes) throws EOFException {
        if (pos + bytes > data.length) {
            throw new EOFException("RowBinary result ends after " + data.length + " bytes, " + bytes + " more needed");
        }
    }
}
