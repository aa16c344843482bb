package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pulseboard.stack.StackException;
import io.pulseboard.stack.redis.RedisBinary.Source;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RedisServerProcessIT {
    private static final Logger log = LoggerFactory.getLogger(RedisServerProcessIT.class);
    private static final Path SYSTEM_TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    Path dataDir;

    @Test
    void bundledRedisServesKeysSurvivesAKillRestartsOnItsPortAndLeavesNothingBehind() throws Exception {
        exerciseLifecycle(BinaryPreference.BUNDLED_ONLY, Source.BUNDLED);
    }

    @Test
    void installedRedisServesKeysSurvivesAKillRestartsOnItsPortAndLeavesNothingBehind() throws Exception {
        if (RedisBinary.findOnPath(System.getenv("PATH"), System.getProperty("os.name"))
                .isEmpty()) {
            String message = "No redis-server on the PATH: install Debian's redis-server package"
                    + " (apt-get install redis-server) to test an installed Redis";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI must test it, so this is a failure there");
            }
            Assumptions.abort(message);
        }
        exerciseLifecycle(BinaryPreference.PATH_FIRST, Source.PATH);
    }

    @Test
    void restartFailsWithTheServerLogWhenAnotherProcessTookThePort() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(dataDir).withPreference(BinaryPreference.BUNDLED_ONLY))) {
            redis.start();
            redis.kill();

            try (ServerSocket squatter = new ServerSocket(redis.port(), 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(squatter.isBound()).isTrue();
                assertThatThrownBy(redis::restart)
                        .isInstanceOf(StackException.class)
                        .hasMessageContaining("exited with code")
                        .hasMessageContaining(RedisServerProcess.LOG_FILE_NAME)
                        .hasMessageContaining("Address already in use");
                assertThat(redis.isAlive()).isFalse();
            }

            assertThat(redis.restart()).isEqualTo("redis://127.0.0.1:" + redis.port());
        }
    }

    @Test
    void startIsSingleAndNothingStartsAfterClose() {
        RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(dataDir).withPreference(BinaryPreference.BUNDLED_ONLY));
        try (redis) {
            assertThatThrownBy(redis::restart).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(redis::port).isInstanceOf(IllegalStateException.class);

            redis.start();
            assertThatThrownBy(redis::start).isInstanceOf(IllegalStateException.class);
        }

        assertThatThrownBy(redis::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(redis::restart).isInstanceOf(IllegalStateException.class);
    }

    private void exerciseLifecycle(BinaryPreference preference, Source expectedSource) throws Exception {
        Set<String> redisInTempBefore = redisEntriesInSystemTemp();
        RedisServerProcess redis =
                new RedisServerProcess(RedisServerConfig.inDirectory(dataDir).withPreference(preference));
        long pid;
        try (redis) {
            long startNanos = System.nanoTime();
            String uri = redis.start();
            log.info(
                    "start() of {} took {} ms",
                    redis.binary().describe(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));

            assertThat(redis.binary().source()).isEqualTo(expectedSource);
            assertThat(uri).isEqualTo("redis://127.0.0.1:" + redis.port()).isEqualTo(redis.uri());
            assertThat(redis.isAlive()).isTrue();
            String value = "Pulseboard → 42 €\r\nsecond line";
            int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
            try (RawRespClient client = new RawRespClient(redis.port())) {
                assertThat(client.call("AUTH", redis.password())).isEqualTo("+OK");
                assertThat(client.call("PING")).isEqualTo("+PONG");
                assertThat(client.call("SET", "pulseboard:test", value)).isEqualTo("+OK");
                assertThat(client.call("GET", "pulseboard:test")).isEqualTo("$" + valueBytes + "\r\n" + value);
            }

            redis.kill();
            assertThat(redis.isAlive()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", redis.port()).close())
                    .isInstanceOf(ConnectException.class);

            String password = redis.password();
            assertThat(redis.restart()).isEqualTo(uri);
            assertThat(redis.isAlive()).isTrue();
            assertThat(redis.password()).as("a restart keeps the password").isEqualTo(password);
            try (RawRespClient client = new RawRespClient(redis.port())) {
                assertThat(client.call("AUTH", password)).isEqualTo("+OK");
                assertThat(client.call("PING")).isEqualTo("+PONG");
                // No persistence: a cache that the pipeline fills again.
                assertThat(client.call("GET", "pulseboard:test")).isEqualTo("$-1");
            }
            pid = redis.pid().orElseThrow();
        }

        assertThat(redis.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("redis-server pid %d alive after close()", pid)
                .isFalse();
        redis.close();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no RDB or AOF file in the data directory")
                    .allMatch(name -> Set.of(
                                    "bin",
                                    RedisServerProcess.LOG_FILE_NAME,
                                    RedisServerProcess.CONFIG_FILE_NAME,
                                    RedisServerProcess.PASSWORD_FILE_NAME)
                            .contains(name));
        }
        assertThat(redisEntriesInSystemTemp()).isEqualTo(redisInTempBefore);
    }

    private static Set<String> redisEntriesInSystemTemp() throws IOException {
        try (Stream<Path> entries = Files.list(SYSTEM_TEMP)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.toLowerCase(Locale.ROOT).contains("redis"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
