package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackPartTest {

    @Test
    void labelsAreTheProductNames() {
        assertThat(StackPart.KAFKA.label()).isEqualTo("Kafka");
        assertThat(StackPart.REDIS.label()).isEqualTo("Redis");
        assertThat(StackPart.CLICKHOUSE.label()).isEqualTo("ClickHouse");
        assertThat(StackPart.POSTGRES.label()).isEqualTo("PostgreSQL");
    }
}
