package io.pulseboard.testing;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.KafkaConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.produce.EventProducer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Configuration and sending shared by the integration tests. */
public final class TestConfigs {

    private TestConfigs() {}

    /** Defaults pointed at {@code bootstrap}, one stream thread, state under {@code dir}, a unique application id. */
    public static PulseboardConfig pipeline(String bootstrap, Path dir, String appPrefix) {
        PulseboardConfig defaults = ConfigLoader.defaults();
        KafkaConfig k = defaults.kafka();
        return defaults.withKafka(new KafkaConfig(
                bootstrap,
                appPrefix + "-" + UUID.randomUUID(),
                k.processingGuarantee(),
                1,
                k.commitInterval(),
                k.cacheMaxBytes(),
                k.rocksDbMemoryBytes(),
                dir.resolve("streams"),
                Map.of()));
    }

    /** Sends every sale and waits for every acknowledgement. */
    public static void sendAll(EventProducer producer, List<SalesEvent> sales) throws Exception {
        List<CompletableFuture<?>> acks = new ArrayList<>(sales.size());
        sales.forEach(s -> acks.add(producer.send(s)));
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
}
