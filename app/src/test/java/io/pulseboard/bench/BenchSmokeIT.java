package io.pulseboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.session.SessionFactory.ConfigSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark harness works end to end; no timing is asserted (figures live in docs/BENCHMARKS.md). */
class BenchSmokeIT {

    @Test
    void runsEveryPhaseAndCountsEveryEventExactly() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        Map<String, String> keys = new LinkedHashMap<>(Benchmark.configKeys(Benchmark.Options.smoke()));
        // As `pulseboard bench -D pulseboard.kafka.commit-interval=50ms`: the user's key wins over the demo's 25 ms.
        keys.put("pulseboard.kafka.commit-interval", "50ms");

        BenchResult result = new Benchmark()
                .run(
                        Benchmark.Options.smoke(),
                        new ConfigSource(Optional.empty(), keys),
                        new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(result.events()).isEqualTo(20_000);
        assertThat(result.processed())
                .as("input offsets committed by the topology")
                .isEqualTo(20_000);
        assertThat(result.ceilingPerSecond()).isPositive();
        assertThat(result.ratio()).isPositive();
        assertThat(result.peerPerSecond())
                .as("the article's topology drained the same events")
                .isPositive();
        assertThat(result.latencySamples())
                .as("metric updates seen while measuring freshness")
                .isPositive();
        assertThat(result.json()).startsWith("{\"events\":20000,");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("config: application pulseboard-bench, exactly_once_v2, commit interval 50 ms")
                .contains("ceiling:")
                .contains("pipeline:")
                .contains("freshness");
        Matcher peer = PEER_LINE.matcher(log.toString(StandardCharsets.UTF_8));
        assertThat(peer.find()).as("the peer's count line in %s", log).isTrue();
        long sales = number(peer.group(1));
        long engagement = number(peer.group(2));
        long customers = number(peer.group(3));
        assertThat(sales + customers).as("every event went to the peer").isEqualTo(20_000);
        assertThat(engagement)
                .as("page views, clicks and purchases among the customer events")
                .isBetween(1L, customers);
    }

    private static final Pattern PEER_LINE = Pattern.compile(
            "peer: ([\\d,]+) sales in their windows and ([\\d,]+) of ([\\d,]+) customer events counted as engagement");

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
