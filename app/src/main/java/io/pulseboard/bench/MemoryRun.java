package io.pulseboard.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.runtime.PipelineRuntime;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * The long memory phase of the bench: the generator at the freshness rate (ramped in four steps)
 * for a number of minutes while memory is sampled at a fixed interval. Nothing is forced: heap
 * "after GC" is the heap in use right after the most recent collection, young or old, as that
 * collection reported it (no {@code System.gc()}, which would pause the pipeline and could shrink
 * the heap and so the RSS being measured). It includes old garbage that no old collection has
 * reclaimed yet, so its lows are the live set.
 */
final class MemoryRun {

    /**
     * One sample; all sizes in MiB.
     *
     * @param seconds since the ramp ended
     * @param rssMb resident set now (VmRSS)
     * @param heapUsedMb heap in use now, garbage included
     * @param heapAfterGcMb heap in use right after the most recent collection (-1 before the first)
     * @param heapCommittedMb heap the JVM has committed
     * @param nonHeapMb non-heap in use (metaspace, code cache)
     * @param directMb direct byte buffers
     * @param rocksDbMb native memory in the RocksDB stores' shared cache (memtables included)
     * @param processed input offsets the pipeline committed so far (all phases)
     * @param lag input records not yet processed
     */
    record Sample(
            long seconds,
            long rssMb,
            long heapUsedMb,
            long heapAfterGcMb,
            long heapCommittedMb,
            long nonHeapMb,
            long directMb,
            long rocksDbMb,
            long processed,
            long lag) {}

    /**
     * What the bench reports of the run; -1 everywhere when it did not run.
     *
     * @param minutes length of the run after the ramp
     * @param rssFirstMinuteMb mean RSS of the samples in the first minute
     * @param rssLastMinuteMb mean RSS of the samples in the last minute
     * @param rssSlopeMbPerMin least-squares slope of RSS over the second half of the run
     * @param rssMaxMb largest RSS sample
     * @param heapAfterGcMinMb lowest heap after GC sampled: about the live set
     * @param heapAfterGcMaxMb highest heap after GC sampled: live set plus old garbage not yet collected
     * @param eventsPerSecond events generated per second over the run
     */
    record Summary(
            int minutes,
            long rssFirstMinuteMb,
            long rssLastMinuteMb,
            double rssSlopeMbPerMin,
            long rssMaxMb,
            long heapAfterGcMinMb,
            long heapAfterGcMaxMb,
            double eventsPerSecond) {
        static final Summary NONE = new Summary(0, -1, -1, -1, -1, -1, -1, -1);

        boolean ran() {
            return minutes > 0;
        }
    }

    private static final long MB = 1 << 20;

    private final Duration length;
    private final Duration interval;
    private final Duration ramp;

    /**
     * @param length how long to run at the full rate, after the ramp
     * @param interval time between samples
     * @param ramp time to reach the full rate, in four steps
     */
    MemoryRun(Duration length, Duration interval, Duration ramp) {
        this.length = length;
        this.interval = interval;
        this.ramp = ramp;
    }

    /** Ramps {@code generator} (running, owned by the caller) to {@code rate} and samples memory. */
    Summary run(PipelineRuntime runtime, DemoGenerator generator, PulseboardConfig config, int rate, PrintStream out)
            throws Exception {
        List<Sample> samples = new ArrayList<>();
        out.printf(
                "memory: %d min at %,d events/s, a sample every %d s%n",
                length.toMinutes(), rate, interval.toSeconds());
        out.printf(
                "%6s %7s %9s %12s %11s %9s %7s %8s %12s %8s%n",
                "t (s)",
                "RSS",
                "heap used",
                "heap aft. GC",
                "heap commit",
                "non-heap",
                "direct",
                "rocksdb",
                "processed",
                "lag");
        try (Admin admin = Admin.create(config.kafka().toAdminProperties())) {
            BenchProbes.rampUp(generator, rate, ramp);
            long generatedAtStart = generator.stats().generated();
            long started = System.nanoTime();
            for (long at = 0; at <= length.toSeconds(); at += interval.toSeconds()) {
                long due = started + TimeUnit.SECONDS.toNanos(at);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                Sample sample = sample(at, runtime, admin, config.kafka().applicationId());
                samples.add(sample);
                out.printf(
                        "%6d %7d %9d %12d %11d %9d %7d %8d %,12d %,8d%n",
                        sample.seconds(),
                        sample.rssMb(),
                        sample.heapUsedMb(),
                        sample.heapAfterGcMb(),
                        sample.heapCommittedMb(),
                        sample.nonHeapMb(),
                        sample.directMb(),
                        sample.rocksDbMb(),
                        sample.processed(),
                        sample.lag());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double perSecond = (generator.stats().generated() - generatedAtStart) / seconds;
            Summary summary = summarize(samples, (int) length.toMinutes(), perSecond);
            out.printf(
                    "memory: RSS first minute %d MiB, last minute %d MiB, slope %.1f MiB/min (second half), "
                            + "max %d MiB; heap after GC %d to %d MiB; %,.0f events/s generated%n",
                    summary.rssFirstMinuteMb(),
                    summary.rssLastMinuteMb(),
                    summary.rssSlopeMbPerMin(),
                    summary.rssMaxMb(),
                    summary.heapAfterGcMinMb(),
                    summary.heapAfterGcMaxMb(),
                    summary.eventsPerSecond());
            return summary;
        }
    }

    static Summary summarize(List<Sample> samples, int minutes, double eventsPerSecond) {
        long last = samples.get(samples.size() - 1).seconds();
        double firstMinute = samples.stream()
                .filter(s -> s.seconds() <= 60)
                .mapToLong(Sample::rssMb)
                .average()
                .orElse(-1);
        double lastMinute = samples.stream()
                .filter(s -> s.seconds() >= last - 60)
                .mapToLong(Sample::rssMb)
                .average()
                .orElse(-1);
        List<Sample> secondHalf =
                samples.stream().filter(s -> s.seconds() >= last / 2).toList();
        return new Summary(
                minutes,
                Math.round(firstMinute),
                Math.round(lastMinute),
                slopePerMinute(secondHalf),
                samples.stream().mapToLong(Sample::rssMb).max().orElse(-1),
                samples.stream().mapToLong(Sample::heapAfterGcMb).min().orElse(-1),
                samples.stream().mapToLong(Sample::heapAfterGcMb).max().orElse(-1),
                eventsPerSecond);
    }

    /** Least-squares slope of RSS against time, MiB per minute; 0 with fewer than two samples. */
    static double slopePerMinute(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanT =
                samples.stream().mapToDouble(s -> s.seconds() / 60.0).average().orElse(0);
        double meanR = samples.stream().mapToDouble(Sample::rssMb).average().orElse(0);
        double cov = 0;
        double var = 0;
        for (Sample s : samples) {
            double dt = s.seconds() / 60.0 - meanT;
            cov += dt * (s.rssMb() - meanR);
            var += dt * dt;
        }
        return var == 0 ? 0 : cov / var;
    }

    private static Sample sample(long seconds, PipelineRuntime runtime, Admin admin, String groupId) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        long afterGc = heapAfterLastGc();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long lag = runtime.feed()
                .latest()
                .map(PipelineSnapshot::consumerLagRecords)
                .orElse(-1L);
        return new Sample(
                seconds,
                BenchProbes.procStatusMb("VmRSS"),
                heap.getUsed() / MB,
                afterGc < 0 ? -1 : afterGc / MB,
                heap.getCommitted() / MB,
                memory.getNonHeapMemoryUsage().getUsed() / MB,
                direct / MB,
                runtime.rocksDbMemoryUsage() / MB,
                BenchProbes.committedInputOffsets(admin, groupId),
                lag);
    }

    /** Heap in use right after the most recent collection of any collector, bytes; -1 before the first. */
    static long heapAfterLastGc() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
            GcInfo info = collector.getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        if (latest == null) {
            return -1;
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        return latest.getMemoryUsageAfterGc().entrySet().stream()
                .filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed())
                .sum();
    }
}
