package io.pulseboard.stack.embedded;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.factory.LocalStackFactory;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.redis.BinaryPreference;
import io.pulseboard.stack.redis.RedisServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Test program: {@code main(dataHome, control)} creates {@code control} with a plain {@link
 * Files#createDirectories} (what the process's umask gives), then starts and closes a local stack (Kafka
 * and the bundled Redis) with its data under {@code dataHome}, and exits 0.
 */
public final class StartStackAndClose {

    private StartStackAndClose() {}

    public static void main(String[] args) throws Exception {
        Files.createDirectories(Path.of(args[1]));
        AppDirectories directories = AppDirectories.at(Path.of(args[0]));
        LocalStackFactory factory = new LocalStackFactory(
                EmbeddedKafkaConfig.inAppData(directories),
                RedisServerConfig.inAppData(directories).withPreference(BinaryPreference.BUNDLED_ONLY),
                ClickHouseServerConfig.inAppData(directories),
                PostgresServerConfig.inAppData(directories));
        try (LocalStack stack = factory.create(Set.of(StackPart.REDIS), StackProgress.NONE)) {
            System.out.println("started " + stack.start());
        }
        System.exit(0);
    }
}
