package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pulseboard.stack.redis.RedisBinary.Source;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The local Redis is locked down, with the bundled binary (6.2) and the installed one (Debian 12: 7.0):
 * it refuses every command until the password is given, refuses the commands that could make it write
 * files even then, listens on loopback only, and its password is on no command line.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc/<pid>/cmdline and POSIX permissions")
class RedisLockdownIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    @ParameterizedTest
    @EnumSource(Source.class)
    void refusesCommandsWithoutThePasswordAndDangerousOnesWithIt(Source source) throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(config(source))) {
            redis.start();
            assertThat(redis.binary().source()).isEqualTo(source);
            String password = redis.password();

            try (RawRespClient anonymous = new RawRespClient(redis.port())) {
                assertThat(anonymous.call("PING")).isEqualTo("-NOAUTH Authentication required.");
                assertThat(anonymous.call("SET", "pulseboard:test", "x")).isEqualTo("-NOAUTH Authentication required.");
                // A renamed command is unknown before any authentication.
                assertThat(anonymous.call("CONFIG", "SET", "dir", elsewhere.toString()))
                        .startsWith("-ERR unknown command");
                assertThat(anonymous.call("AUTH", "not-" + password)).startsWith("-WRONGPASS");
                assertThat(anonymous.call("GET", "pulseboard:test")).isEqualTo("-NOAUTH Authentication required.");
            }

            try (RawRespClient client = new RawRespClient(redis.port())) {
                assertThat(client.call("AUTH", password)).isEqualTo("+OK");
                assertThat(client.call("SET", "pulseboard:test", "42")).isEqualTo("+OK");
                assertThat(client.call("GET", "pulseboard:test")).isEqualTo("$2\r\n42");
                assertThat(client.call("INFO", "server")).contains("redis_version:");

                assertThat(client.call("CONFIG", "SET", "dir", elsewhere.toString()))
                        .startsWith("-ERR unknown command")
                        .contains("CONFIG");
                assertThat(client.call("SAVE"))
                        .startsWith("-ERR unknown command")
                        .contains("SAVE");
                assertThat(client.call(
                                "EVAL",
                                "return redis.call('CONFIG', 'SET', 'dir', ARGV[1])",
                                "0",
                                elsewhere.toString()))
                        .as("a script cannot call a renamed command either")
                        .startsWith("-ERR")
                        .containsIgnoringCase("unknown redis command");
                for (String command : RedisServerProcess.DISABLED_COMMANDS) {
                    assertThat(client.call(command))
                            .as(command)
                            .startsWith("-ERR unknown command")
                            .contains(command);
                }
                assertThat(client.call("PING")).as("still running").isEqualTo("+PONG");
            }
            try (Stream<Path> written = Files.list(elsewhere)) {
                assertThat(written)
                        .as("files Redis wrote outside its data directory")
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void keepsThePasswordOffTheCommandLineInOwnerOnlyFilesAndListensOnLoopbackOnly(Source source) throws Exception {
        String firstPassword;
        try (RedisServerProcess redis = new RedisServerProcess(config(source))) {
            redis.start();
            String password = redis.password();
            firstPassword = password;

            assertThat(password).matches("[0-9a-f]{64}");
            assertThat(redis.authenticatedUri()).isEqualTo("redis://:" + password + "@127.0.0.1:" + redis.port());
            assertThat(redis.uri())
                    .isEqualTo("redis://127.0.0.1:" + redis.port())
                    .doesNotContain(password);
            assertThat(redis.passwordFile())
                    .isEqualTo(dataDir.resolve("redis-server.password").toAbsolutePath());
            assertThat(Files.readString(redis.passwordFile())).isEqualTo(password);
            for (String name :
                    new String[] {RedisServerProcess.PASSWORD_FILE_NAME, RedisServerProcess.CONFIG_FILE_NAME}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(name))))
                        .as(name)
                        .isEqualTo("rw-------");
            }
            assertThat(Files.readString(dataDir.resolve(RedisServerProcess.CONFIG_FILE_NAME)))
                    .contains("requirepass " + password + "\n", "rename-command CONFIG \"\"\n");

            String commandLine = Files.readString(
                            Path.of("/proc", Long.toString(redis.pid().orElseThrow()), "cmdline"))
                    .replace('\0', ' ');
            // What ps shows (Redis sets its own process title over its arguments) and what was launched.
            assertThat(commandLine).doesNotContain(password);
            assertThat(Files.readString(dataDir.resolve("redis-server.pid")))
                    .contains(
                            dataDir.resolve(RedisServerProcess.CONFIG_FILE_NAME).toAbsolutePath() + " --port")
                    .doesNotContain(password);
            assertThat(Files.readString(dataDir.resolve(RedisServerProcess.LOG_FILE_NAME)))
                    .doesNotContain(password);

            Optional<InetAddress> external = nonLoopbackAddress();
            if (external.isPresent()) {
                assertThatThrownBy(() -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress(external.get(), redis.port()), 2_000);
                            }
                        })
                        .as("connecting on %s", external.get())
                        .isInstanceOf(ConnectException.class);
            }
        }

        try (RedisServerProcess again = new RedisServerProcess(config(source))) {
            again.start();
            assertThat(again.password()).as("each start draws a new password").isNotEqualTo(firstPassword);
            assertThat(Files.readString(again.passwordFile(), StandardCharsets.UTF_8))
                    .isEqualTo(again.password());
            try (RawRespClient client = new RawRespClient(again.port())) {
                assertThat(client.call("AUTH", firstPassword)).startsWith("-WRONGPASS");
            }
        }
    }

    private RedisServerConfig config(Source source) {
        if (source == Source.PATH
                && RedisBinary.findOnPath(System.getenv("PATH"), System.getProperty("os.name"))
                        .isEmpty()) {
            String message = "No redis-server on the PATH: install Debian's redis-server package"
                    + " (apt-get install redis-server) to test an installed Redis";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI must test it, so this is a failure there");
            }
            Assumptions.abort(message);
        }
        return RedisServerConfig.inDirectory(dataDir)
                .withPreference(source == Source.PATH ? BinaryPreference.PATH_FIRST : BinaryPreference.BUNDLED_ONLY);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
