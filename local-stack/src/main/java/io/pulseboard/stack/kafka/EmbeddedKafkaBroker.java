package io.pulseboard.stack.kafka;

import io.pulseboard.stack.StackException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.storage.internals.checkpoint.CleanShutdownFileHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka broker inside this JVM: one KRaft node in combined mode (broker and controller,
 * {@code node.id=1}, the only voter), listening on two loopback ports, storing its data in {@link
 * EmbeddedKafkaConfig#dataDir()} so that topics and records survive a restart.
 *
 * <p>Endpoints are stable per data directory: the first start picks two free ports (or takes {@link
 * EmbeddedKafkaConfig#clientPort()} and {@link EmbeddedKafkaConfig#controllerPort()} when set) and
 * stores them in {@code ports.properties} in the data directory, written atomically before Kafka
 * starts; every later start on that directory listens on the same ports, so it returns the same
 * bootstrap address and external clients can reconnect. An explicit port wins over the stored one and
 * is then stored.
 *
 * <p>Life-cycle: single use, {@link #start()} then {@link #close()}; for a restart create a new
 * instance on the same directory. Both methods block and are serialised: a {@code close()} during
 * {@code start()} waits for the start to end (at most the start timeout). Getters may be called from
 * any thread.
 *
 * <p>Hazards handled here:
 *
 * <ul>
 *   <li>The directory is formatted only once ({@code KafkaStorage}); a formatted one is reused.
 *   <li>The broker's metadata names the client endpoint it registered with; after a restart on new
 *       ports, transaction markers could go to the previous run's port and leave hanging
 *       transactions. So a stored port that another process holds fails {@link #start()} with a
 *       {@link StackException} naming the port, the file and the fix (stop that process, or delete
 *       the file to pick new ports); a new port is never picked silently. The controller quorum is
 *       static ({@code controller.quorum.voters}), read from the configuration on every start, so an
 *       explicit port change still restarts ({@code BrokerProperties} says why not a dynamic quorum).
 *   <li>Kafka's fatal-fault handlers call {@code Exit.halt}; while the broker runs that is
 *       intercepted ({@code ExitTrap}), logged, recorded in {@link #faults()}, passed to the fault
 *       listener and turns the state to {@link State#FAILED}. The JVM keeps running; the owner
 *       should close the broker and start a new one.
 *   <li>Start-up waits for a condition (an Admin {@code describeCluster} listing this node) until
 *       a deadline, never for a fixed time; shutdown is bounded by the close timeout.
 * </ul>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final long READY_ATTEMPT_MILLIS = 1_000;
    private static final long READY_POLL_MILLIS = 50;

    /** Where the broker is in its single-use life-cycle. */
    public enum State {
        /** Created, {@link #start()} not yet called. */
        NEW,
        /** {@link #start()} in progress. */
        STARTING,
        /** Serving clients at {@link #bootstrapServers()}. */
        RUNNING,
        /** Did not start, or Kafka reported a fatal fault while running; {@link #faults()} says which. */
        FAILED,
        /** Closed. */
        STOPPED
    }

    private final EmbeddedKafkaConfig config;
    private final Consumer<BrokerFault> faultListener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final List<BrokerFault> faults = new CopyOnWriteArrayList<>();
    private final Object lifecycle = new Object();
    private volatile String bootstrapServers;
    private final List<String> repairs = new CopyOnWriteArrayList<>();

    // Guarded by lifecycle.
    private KafkaRaftServer server;
    private HangingTransactionWatch watch;
    private ExitTrap.Registration exitTrap;

    /**
     * @param config the broker settings; never null
     */
    public EmbeddedKafkaBroker(EmbeddedKafkaConfig config) {
        this(config, fault -> {});
    }

    /**
     * @param config the broker settings; never null
     * @param faultListener told about each intercepted fatal fault, on the Kafka thread that raised it;
     *     must be thread-safe and must not block; never null
     */
    public EmbeddedKafkaBroker(EmbeddedKafkaConfig config, Consumer<BrokerFault> faultListener) {
        this.config = Objects.requireNonNull(config, "config");
        this.faultListener = Objects.requireNonNull(faultListener, "faultListener");
    }

    /**
     * Formats the data directory if needed, chooses and stores the ports (explicit, else stored, else
     * free), starts the broker and waits until it serves clients.
     *
     * @return the {@code bootstrap.servers} value, e.g. {@code "127.0.0.1:50123"}; the same on every
     *     start on the same data directory unless an explicit client port moves it
     * @throws StackException if the broker cannot start, if a stored or explicit port is taken by
     *     another process, or if it is not ready within the start timeout; whatever had started is
     *     shut down again
     * @throws IllegalStateException if called more than once
     */
    public String start() {
        synchronized (lifecycle) {
            if (!state.compareAndSet(State.NEW, State.STARTING)) {
                throw new IllegalStateException("An EmbeddedKafkaBroker starts once; state is " + state.get());
            }
            long startNanos = System.nanoTime();
            long deadlineNanos = startNanos + config.startTimeout().toNanos();
            try {
                // Kafka writes this file on a clean shutdown only: without it an earlier run crashed.
                boolean crashedBefore = Files.exists(config.dataDir().resolve("meta.properties"))
                        && !new CleanShutdownFileHandler(config.dataDir().toString()).exists();
                String clusterId = KafkaStorage.formatOnce(
                        config.dataDir(), BrokerProperties.NODE_ID, BrokerProperties.CONTROLLER_LISTENER);
                BrokerProperties.Ports ports =
                        PortsFile.choose(config.dataDir(), config.clientPort(), config.controllerPort());
                KafkaConfig kafkaConfig = new KafkaConfig(BrokerProperties.build(config, ports), false);
                exitTrap = ExitTrap.register(this::onFault);
                server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
                server.startup();
                awaitReady(ports.bootstrapServers(), deadlineNanos);
                if (crashedBefore) {
                    watchAfterCrash(ports, deadlineNanos);
                }
                bootstrapServers = ports.bootstrapServers();
                if (!state.compareAndSet(State.STARTING, State.RUNNING)) {
                    throw faultedException();
                }
                log.info(
                        "Kafka broker of cluster {} ready at {} in {} ms (data in {})",
                        clusterId,
                        bootstrapServers,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                        config.dataDir());
                return bootstrapServers;
            } catch (Exception e) {
                // Catches Exception, not RuntimeException: Scala code can throw checked exceptions.
                // Stopping must not be cut short by the interrupt that ended the start (the broker
                // would stay up); the flag is set again afterwards.
                boolean interrupted = e instanceof InterruptedException | Thread.interrupted();
                state.set(State.FAILED);
                stopServer();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (e instanceof StackException stackException) {
                    throw stackException;
                }
                throw new StackException("Kafka broker in " + config.dataDir() + " did not start: " + e, e);
            }
        }
    }

    /**
     * @return the {@code bootstrap.servers} value of the running broker; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("Kafka broker not started; state is " + state.get());
        }
        return servers;
    }

    /** @return the current life-cycle state; never null */
    public State state() {
        return state.get();
    }

    /** @return the fatal faults Kafka raised while this broker ran, oldest first; never null */
    public List<BrokerFault> faults() {
        return List.copyOf(faults);
    }

    /**
     * Turns an intercepted fatal fault into an exception, for callers that check before using the
     * broker (the fault listener is the push alternative).
     *
     * @throws StackException describing the first fault, if Kafka raised one
     */
    public void checkHealthy() {
        if (!faults.isEmpty()) {
            throw faultedException();
        }
    }

    /** @return the settings this broker was created with; never null */
    public EmbeddedKafkaConfig config() {
        return config;
    }

    /**
     * Shuts the broker down and waits for it, at most the close timeout. Idempotent. If shutdown does
     * not finish in time, that is logged and Kafka's exit calls stay intercepted so that the
     * half-stopped broker cannot end the JVM later.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (state.get() == State.STOPPED) {
                return;
            }
            stopServer();
            state.set(State.STOPPED);
        }
    }

    /**
     * @return what the start found of what an earlier run's crash left behind (e.g. "2 transaction(s)
     *     left open, on [...]; each one still open with nothing to complete it in 80 s is aborted
     *     then"), followed by the watch's later aborts as they happen; empty after a clean shutdown or
     *     when nothing needed it; never null. The stack reports the start's findings; later aborts
     *     are logged.
     */
    public List<String> repairs() {
        return List.copyOf(repairs);
    }

    /**
     * After a crash: starts the watch that aborts the transactions nothing will complete any more
     * (HangingTransactionWatch), so that no read_committed consumer waits behind them for ever.
     */
    // Caller holds lifecycle.
    private void watchAfterCrash(BrokerProperties.Ports ports, long deadlineNanos) throws InterruptedException {
        Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ports.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "pulseboard-embedded-kafka-recovery"));
        Duration grace = BrokerProperties.HANGING_TRANSACTION_GRACE;
        watch = new HangingTransactionWatch(
                admin, BrokerProperties.HOST, ports.client(), grace, Duration.ofSeconds(1), repairs::add);
        List<HangingTransactions.Open> open = watch.start(Math.max(deadlineNanos, System.nanoTime())
                + Duration.ofSeconds(5).toNanos());
        if (open.isEmpty()) {
            log.info("Kafka in {} was not shut down cleanly; no transaction looks left hanging", config.dataDir());
        } else {
            String found = open.size() + " transaction(s) left open, on " + open
                    + "; each one still open with nothing to complete it in " + grace.toSeconds()
                    + " s is aborted then";
            log.warn("Kafka in {} was not shut down cleanly; {}", config.dataDir(), found);
            repairs.add(found);
        }
    }

    private void awaitReady(String bootstrap, long deadlineNanos) throws InterruptedException {
        Map<String, Object> adminProps = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "pulseboard-embedded-kafka-readiness");
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                if (state.get() == State.FAILED) {
                    throw faultedException();
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (remainingMillis <= 0) {
                    throw new StackException(
                            "Kafka broker at " + bootstrap + " was not ready within " + config.startTimeout()
                                    + " (last check: " + lastFailure + ")",
                            lastFailure);
                }
                DescribeClusterOptions options =
                        new DescribeClusterOptions().timeoutMs((int) Math.min(remainingMillis, READY_ATTEMPT_MILLIS));
                try {
                    Collection<Node> nodes =
                            admin.describeCluster(options).nodes().get();
                    if (nodes.stream().anyMatch(node -> node.id() == BrokerProperties.NODE_ID)) {
                        return;
                    }
                    lastFailure = new IllegalStateException("node " + BrokerProperties.NODE_ID + " not in " + nodes);
                    TimeUnit.MILLISECONDS.sleep(READY_POLL_MILLIS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException)) {
                        throw new StackException(
                                "Kafka broker at " + bootstrap + " refused the readiness check: " + e.getCause(),
                                e.getCause());
                    }
                    lastFailure = (Exception) e.getCause();
                }
            }
        }
    }

    private void onFault(BrokerFault fault) {
        faults.add(fault);
        State previous = state.getAndUpdate(s -> s == State.STARTING || s == State.RUNNING ? State.FAILED : s);
        log.debug("Kafka broker state {} after fault: {}", previous, fault.describe());
        faultListener.accept(fault);
    }

    private StackException faultedException() {
        return new StackException(
                faults.isEmpty()
                        ? "Kafka broker in " + config.dataDir() + " failed while starting"
                        : faults.get(0).describe());
    }

    // Caller holds lifecycle.
    private void stopServer() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        KafkaRaftServer running = server;
        server = null;
        boolean stopped = running == null || shutdownWithin(running, config.closeTimeout());
        if (stopped && exitTrap != null) {
            exitTrap.close();
            exitTrap = null;
        }
    }

    private boolean shutdownWithin(KafkaRaftServer running, Duration timeout) {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "pulseboard-kafka-shutdown");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> shutdown = executor.submit(() -> {
                running.shutdown();
                running.awaitShutdown();
            });
            shutdown.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Kafka broker in {} stopped", config.dataDir());
            return true;
        } catch (TimeoutException e) {
            log.warn(
                    "Kafka broker in {} did not stop within {}; leaving its threads behind", config.dataDir(), timeout);
            return false;
        } catch (ExecutionException e) {
            log.warn("Kafka broker in {} failed while stopping", config.dataDir(), e.getCause());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the Kafka broker in {}", config.dataDir());
            return false;
        } finally {
            executor.shutdown();
        }
    }
}
