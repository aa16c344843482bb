package io.pulseboard.bench;

import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;

/** What the bench's phases read and do alike: offsets, process memory, the generator ramp, waiting. */
final class BenchProbes {

    private BenchProbes() {}

    /** Input offsets (sales and customer events) the consumer group has committed, summed over partitions. */
    static long committedInputOffsets(Admin admin, String groupId) throws Exception {
        return admin
                .listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(Topics.SALES_EVENTS)
                        || e.getKey().topic().equals(Topics.CUSTOMER_EVENTS))
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /**
     * CPU time this process has used so far (all its threads, ns): how much work a phase took, which a
     * busy neighbour on the machine changes far less than how long the phase took.
     */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** A size field of this process's /proc/self/status (e.g. VmRSS, VmHWM), MiB; -1 off Linux. */
    static long procStatusMb(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1; // no procfs: the figure is reported as unknown
        }
    }

    /**
     * Takes the running generator to a quarter of {@code rate} without the daily rhythm (the rate asked
     * for, whatever the time of day) and raises it in four equal steps over {@code ramp}: a cold JVM
     * falls behind when hit with the full rate at once. Returns when the full rate has run for a step.
     */
    static void rampUp(DemoGenerator generator, int rate, Duration ramp) throws InterruptedException {
        int steps = 4;
        generator.setDailyRhythm(false);
        for (int step = 1; step <= steps; step++) {
            generator.setRate(Math.max(1, rate * step / steps));
            TimeUnit.MILLISECONDS.sleep(ramp.toMillis() / steps);
        }
    }

    /**
     * Reads {@code probe} every {@code every} until {@code done} holds and returns that reading.
     *
     * @throws IllegalStateException after {@code timeout}, with {@code failure} of the last reading
     */
    static <T> T awaitUntil(
            Duration timeout, Duration every, Callable<T> probe, Predicate<T> done, Function<T, String> failure)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T reading = probe.call();
            if (done.test(reading)) {
                return reading;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure.apply(reading));
            }
            TimeUnit.NANOSECONDS.sleep(every.toNanos());
        }
    }
}
