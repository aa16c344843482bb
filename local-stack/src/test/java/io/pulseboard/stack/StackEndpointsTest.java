package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackEndpointsTest {

    @Test
    void kafkaOnlyEndpointsHaveNoRedisAndNoClickHouse() {
        StackEndpoints endpoints = StackEndpoints.ofKafka("127.0.0.1:9092");

        assertThat(endpoints.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(endpoints.redisUri()).isEmpty();
        assertThat(endpoints.clickhouseUrl()).isEmpty();
    }

    @Test
    void withRedisAddsTheUriAndKeepsKafka() {
        StackEndpoints endpoints = StackEndpoints.ofKafka("127.0.0.1:9092").withRedis("redis://127.0.0.1:6380");

        assertThat(endpoints.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(endpoints.redisUri()).contains("redis://127.0.0.1:6380");
    }

    @Test
    void withClickHouseAddsTheUrlAndKeepsTheOthers() {
        StackEndpoints endpoints = StackEndpoints.ofKafka("127.0.0.1:9092")
                .withRedis("redis://127.0.0.1:6380")
                .withClickHouse("http://127.0.0.1:8123");

        assertThat(endpoints.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(endpoints.redisUri()).contains("redis://127.0.0.1:6380");
        assertThat(endpoints.clickhouseUrl()).contains("http://127.0.0.1:8123");
        assertThat(endpoints.withRedis("redis://127.0.0.1:6381").clickhouseUrl())
                .contains("http://127.0.0.1:8123");
    }

    @Test
    void rejectsAClickHouseUrlThatIsNotAnHttpUrl() {
        StackEndpoints kafkaOnly = StackEndpoints.ofKafka("127.0.0.1:9092");

        assertThatThrownBy(() -> kafkaOnly.withClickHouse("127.0.0.1:8123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clickhouseUrl");
        assertThatThrownBy(() -> kafkaOnly.withClickHouse("http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kafkaOnly.withClickHouse("http://host :1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StackEndpoints(
                        "127.0.0.1:9092", Optional.empty(), null, Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsARedisUriThatIsNotARedisUri() {
        StackEndpoints kafkaOnly = StackEndpoints.ofKafka("127.0.0.1:9092");

        assertThatThrownBy(() -> kafkaOnly.withRedis("127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redisUri");
        assertThatThrownBy(() -> kafkaOnly.withRedis("redis://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kafkaOnly.withRedis("redis://host :1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StackEndpoints(
                        "127.0.0.1:9092", null, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void stillRejectsABlankKafkaBootstrap() {
        assertThatThrownBy(() ->
                        new StackEndpoints(" ", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafkaBootstrap");
    }

    @Test
    void carriesTheRedisPasswordForClientsButShowsOnlyTheAddress() {
        Path passwordFile = Path.of("/data/redis/redis-server.password");
        StackEndpoints endpoints = StackEndpoints.ofKafka("127.0.0.1:9092")
                .withRedis("redis://:0123abcd@127.0.0.1:6380", passwordFile)
                .withClickHouse("http://127.0.0.1:8123");

        assertThat(endpoints.redisUri()).contains("redis://:0123abcd@127.0.0.1:6380");
        assertThat(endpoints.redisAddress()).contains("redis://127.0.0.1:6380");
        assertThat(endpoints.redisPasswordFile()).contains(passwordFile);
        assertThat(endpoints.toString())
                .isEqualTo("StackEndpoints[kafkaBootstrap=127.0.0.1:9092,"
                        + " redisAddress=Optional[redis://127.0.0.1:6380], clickhouseUrl=Optional[http://127.0.0.1:8123],"
                        + " redisPasswordFile=Optional[" + passwordFile + "], postgres=Optional.empty]");
        assertThat(StackEndpoints.ofKafka("k:1")
                        .withRedis("rediss://user:pw@cache:6380/2")
                        .redisAddress())
                .contains("rediss://cache:6380/2");
    }

    @Test
    void aRedisUriThatIsRefusedIsNotEchoedAndAPasswordFileNeedsARedisUri() {
        StackEndpoints kafkaOnly = StackEndpoints.ofKafka("127.0.0.1:9092");

        assertThatThrownBy(() -> kafkaOnly.withRedis("redis://:secret@host :1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redisUri")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new StackEndpoints(
                        "127.0.0.1:9092",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Path.of("pw")),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redisPasswordFile");
    }

    @Test
    void withPostgresAddsTheEndpointKeepsTheOthersAndTheOthersKeepIt() {
        PostgresEndpoint postgres = new PostgresEndpoint(
                "jdbc:postgresql://127.0.0.1:5433/pulseboard", "pulseboard", Path.of("/data/postgres.password"));
        StackEndpoints endpoints = StackEndpoints.ofKafka("127.0.0.1:9092")
                .withPostgres(postgres)
                .withRedis("redis://:0123abcd@127.0.0.1:6380", Path.of("/data/redis.password"))
                .withClickHouse("http://127.0.0.1:8123");

        assertThat(endpoints.postgres()).contains(postgres);
        assertThat(endpoints.withRedis("redis://127.0.0.1:6381").postgres()).contains(postgres);
        assertThat(StackEndpoints.ofKafka("127.0.0.1:9092").postgres()).isEmpty();
        assertThat(endpoints.toString())
                .isEqualTo("StackEndpoints[kafkaBootstrap=127.0.0.1:9092,"
                        + " redisAddress=Optional[redis://127.0.0.1:6380], clickhouseUrl=Optional[http://127.0.0.1:8123],"
                        + " redisPasswordFile=Optional[/data/redis.password],"
                        + " postgres=Optional[PostgresEndpoint[jdbcUrl=jdbc:postgresql://127.0.0.1:5433/pulseboard,"
                        + " user=pulseboard, passwordFile=/data/postgres.password]]]")
                .doesNotContain("0123abcd");
        assertThatThrownBy(() -> new StackEndpoints(
                        "127.0.0.1:9092", Optional.empty(), Optional.empty(), Optional.empty(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPostgresEndpointIsAJdbcUrlWithoutAQueryAndAUserWithoutSpaces() {
        Path file = Path.of("pw");

        assertThatThrownBy(() -> new PostgresEndpoint("postgresql://127.0.0.1:5433/pulseboard", "pulseboard", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbcUrl must be jdbc:postgresql://host:port/database");
        assertThatThrownBy(() -> new PostgresEndpoint(
                        "jdbc:postgresql://127.0.0.1:5433/pulseboard?password=secret", "pulseboard", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new PostgresEndpoint("jdbc:postgresql://127.0.0.1:5433/", "pulseboard", file))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresEndpoint("jdbc:postgresql://127.0.0.1:5433/pulseboard", " ", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user");
        assertThatThrownBy(
                        () -> new PostgresEndpoint("jdbc:postgresql://127.0.0.1:5433/pulseboard", "pulseboard", null))
                .isInstanceOf(NullPointerException.class);
    }
}
