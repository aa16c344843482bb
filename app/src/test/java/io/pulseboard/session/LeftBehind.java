package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a session may leave behind after {@link Session#close()}: no child process and no thread it
 * started. Threads of the JVM and of libraries' process-wide pools, which outlive any one session by
 * design, are not counted.
 */
final class LeftBehind {

    /**
     * Process-wide threads that a first use starts and nothing stops: the JDK's, the test runner's,
     * the ticks of the Yammer metrics registry that the Kafka broker keeps in a static field, and the
     * JDK {@code Cleaner} ("Cleaner-0") that the PostgreSQL driver's static {@code LazyCleanerImpl}
     * creates on its first connection.
     */
    private static final List<String> PROCESS_WIDE = List.of(
            "process reaper",
            "ForkJoinPool.commonPool",
            "Attach Listener",
            "Common-Cleaner",
            "surefire",
            "junit",
            "metrics-meter-tick-thread",
            "Cleaner-");

    private final Set<Long> before;

    private LeftBehind(Set<Long> before) {
        this.before = before;
    }

    /** Takes note of the threads alive before the session starts. */
    static LeftBehind snapshot() {
        return new LeftBehind(
                Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet()));
    }

    /** Waits up to {@code timeout} for the session's threads to end, then asserts none is left. */
    void assertNothingLeft(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> threads = newThreads();
        while (!threads.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            threads = newThreads();
        }
        assertThat(threads).as("threads the session left running").isEmpty();
        assertThat(ChildProcesses.all())
                .as("child processes the session left running")
                .isEmpty();
    }

    private List<String> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t.getId()))
                .map(Thread::getName)
                .filter(name -> PROCESS_WIDE.stream().noneMatch(name::startsWith))
                .sorted()
                .toList();
    }
}
