package io.pulseboard.stack;

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
     * Stops every part, waiting a bounded time for each, and reports {@link StackProgress.Phase#STOPPED}
     * for each part that was started. Idempotent; never throws: a part that does not stop within its
     * timeout is logged and left behind.
     */
    @Override
    void close();
}
