package io.pulseboard.stack;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Brings the servers Pulseboard needs up on this machine and hands back where to reach them.
 *
 * <p>One implementation per way of running the services (in-JVM, child processes, docker
 * compose); {@link io.pulseboard.stack.factory.LocalStackFactory} picks one and tells it which {@link StackPart}s to run. An
 * instance is used once: {@link #start()} then
 * {@link #close()}. Both are blocking and are called from a background thread, never the UI thread;
 * progress is reported through the {@link StackProgress} given to the implementation.
 */
public interface LocalStack extends AutoCloseable {

    /**
     * Starts every part it was created with and waits until each accepts connections.
     *
     * @return the endpoints of the running parts; an optional part that could not start (Redis, reported
     *     as {@link StackProgress.Phase#FAILED}) has no endpoint; never null
     * @throws StackException if a required part (Kafka; ClickHouse when it was asked for) cannot start
     *     within its deadline; the message names the part and how to fix it, and the parts already
     *     started are stopped again before it is thrown
     * @throws IllegalStateException if the stack was already closed
     */
    StackEndpoints start();

    /**
     * PostgreSQL's endpoint as soon as it accepts connections, which may be before {@link #start()}
     * returns: a caller can prepare its database (migrations, seed) while the other parts still start.
     * Any thread; the stage completes on the thread that started PostgreSQL, so what is chained to it
     * should run on an executor of the caller's.
     *
     * @return completes with the endpoint once PostgreSQL is ready; with empty when it was not asked
     *     for, failed to start, or the stack failed or was closed first. The same endpoint is in the
     *     {@link StackEndpoints} that {@link #start()} returns. The default: PostgreSQL only there
     */
    default CompletionStage<Optional<PostgresEndpoint>> postgresReady() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Stops every part, waiting a bounded time for each, and reports {@link StackProgress.Phase#STOPPED}
     * for each part that was started. Idempotent; never throws: a part that does not stop within its
     * timeout is logged and left behind.
     */
    @Override
    void close();
}
