package io.pulseboard.stack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseServerProcessIT {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @BeforeEach
    void requireBinary() {
        ClickHouseAvailability.assumeInstalled();
    }

    @Test
    void answersQueriesSurvivesAKillRestartsOnItsPortKeepsDataAndLeavesNoProcess() throws Exception {
        ClickHouseServerConfig config = ClickHouseServerConfig.inDirectory(dataDir);
        ClickHouseServerProcess server = new ClickHouseServerProcess(config);
        long pid;
        try (server) {
            String endpoint = server.start();

            assertThat(endpoint)
                    .isEqualTo("http://127.0.0.1:" + server.httpPort())
                    .isEqualTo(server.endpoint());
            assertThat(server.binary())
                    .isEqualTo(ClickHouseServerProcess.findBinary().orElseThrow());
            assertThat(server.config()).isEqualTo(config);
            assertThat(get(endpoint + "/ping")).isEqualTo("Ok.\n");
            assertThat(query(endpoint, "SELECT 1")).isEqualTo("1\n");
            query(endpoint, "CREATE TABLE default.kept (x UInt8) ENGINE = MergeTree ORDER BY x");
            query(endpoint, "INSERT INTO default.kept VALUES (7)");
            assertThat(Files.readString(dataDir.resolve(ClickHouseServerFiles.CONFIG_FILE_NAME)))
                    .contains("<listen_host>127.0.0.1</listen_host>")
                    .doesNotContain("interserver_http_port");

            server.kill();
            assertThat(server.isAlive()).isFalse();
            assertThatThrownBy(() -> get(endpoint + "/ping")).isInstanceOf(IOException.class);

            assertThat(server.restart()).isEqualTo(endpoint);
            assertThat(get(endpoint + "/ping")).isEqualTo("Ok.\n");
            assertThat(query(endpoint, "SELECT x FROM default.kept")).isEqualTo("7\n");
            pid = ProcessHandle.current()
                    .children()
                    .filter(p -> p.info().command().orElse("").contains("clickhouse"))
                    .findFirst()
                    .orElseThrow()
                    .pid();
            assertThat(server.pid()).hasValue(pid);
        }

        assertThat(server.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String query(String endpoint, String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(endpoint + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
