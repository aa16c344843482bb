package io.pulseboard.history.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RowBinaryWriterTest {

    @Test
    void whatIsWrittenReadsBackIdentically() throws Exception {
        String longText = "ü".repeat(200);
        RowBinaryWriter out = new RowBinaryWriter(1)
                .string("EU-WEST")
                .string(longText)
                .string("")
                .int64(-5)
                .int64(1_795_737_600_123L)
                .uint8(255)
                .decimal128(new BigDecimal("-12345678901234567890.1234"), 4);

        RowBinaryReader in = new RowBinaryReader(out.toByteArray());

        assertThat(in.string()).isEqualTo("EU-WEST");
        assertThat(in.string()).isEqualTo(longText);
        assertThat(in.string()).isEmpty();
        assertThat(in.int64()).isEqualTo(-5);
        assertThat(in.int64()).isEqualTo(1_795_737_600_123L);
        assertThat(in.uint8()).isEqualTo(255);
        assertThat(in.decimal128(4)).isEqualTo(new BigDecimal("-12345678901234567890.1234"));
        assertThat(in.hasMore()).isFalse();
    }

    @Test
    void encodesFixedWidthValuesLittleEndian() {
        byte[] bytes = new RowBinaryWriter(1)
                .uint32(0x01020304L)
                .decimal64(new BigDecimal("0.0001"), 4)
                .toByteArray();

        assertThat(bytes).containsExactly(4, 3, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void refusesValuesThatWouldLoseDigits() {
        assertThatThrownBy(() -> new RowBinaryWriter(1).decimal64(new BigDecimal("1.00001"), 4))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new RowBinaryWriter(1).uint32(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
