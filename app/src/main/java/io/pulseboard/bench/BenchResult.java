package io.pulseboard.bench;

import java.util.Locale;

/**
 * Figures of one benchmark run, all measured in the same process on the same broker.
 *
 * @param events events in the throughput phases
 * @param ceilingPerSecond raw idempotent producer into the broker, same payloads
 * @param pipelinePerSecond events the topology processed per second while draining the same events
 * @param peerPerSecond the article's topology ({@link ArticlePeer}) on the same events, broker and guarantee
 * @param pipelineCpuMicrosPerEvent CPU time of this JVM per event in the pipeline phase (broker and sinks included;
 *     Redis, a child process, not)
 * @param peerCpuMicrosPerEvent CPU time of this JVM per event while the peer ran
 * @param processed input offsets the topology committed in the pipeline phase (equals {@code events})
 * @param latencyP50Ms event time to MetricsFeed delivery at {@code freshnessRate}, after warm-up
 * @param coldStartSeconds process start to the first metric of the local demo (-1 when not measured)
 * @param rssPeakMb peak resident memory of this process (VmHWM), all phases
 * @param heapUsedMb heap in use at the end of the run, garbage included
 * @param memory the long memory phase ({@link MemoryRun.Summary#NONE} when not run)
 */
public record BenchResult(
        long events,
        double ceilingPerSecond,
        double pipelinePerSecond,
        double peerPerSecond,
        double pipelineCpuMicrosPerEvent,
        double peerCpuMicrosPerEvent,
        long processed,
        int freshnessRate,
        long latencyP50Ms,
        long latencyP99Ms,
        long latencyMaxMs,
        int latencySamples,
        double coldStartSeconds,
        long rssPeakMb,
        long heapUsedMb,
        MemoryRun.Summary memory) {

    public double ratio() {
        return ceilingPerSecond <= 0 ? 0 : pipelinePerSecond / ceilingPerSecond;
    }

    /** Pipeline throughput over the peer's, measured in the same run. */
    public double peerRatio() {
        return peerPerSecond <= 0 ? 0 : pipelinePerSecond / peerPerSecond;
    }

    public String table() {
        String figures = String.format(
                Locale.ROOT,
                """
                Pulseboard benchmark (one run, embedded broker)
                %-46s %14s %s
                %-46s %,14.0f %s
                %-46s %,14.0f %s
                %-46s %14.2f %s
                %-46s %,14.0f %s
                %-46s %14.2f %s
                %-46s %14s %s
                %-46s %14s %s
                %-46s %14s %s
                """,
                "figure",
                "value",
                "goal",
                "ceiling: raw idempotent producer (events/s)",
                ceilingPerSecond,
                "",
                "pipeline: events processed/s (" + events + " events)",
                pipelinePerSecond,
                "",
                "pipeline / ceiling",
                ratio(),
                ">= 0.2 (0.5 in the end)",
                "peer: the article's topology (events/s)",
                peerPerSecond,
                "",
                "pipeline / peer",
                peerRatio(),
                ">= 2 (CPU per event: "
                        + String.format(Locale.ROOT, "%.1f / %.1f us", pipelineCpuMicrosPerEvent, peerCpuMicrosPerEvent)
                        + ")",
                "freshness at " + freshnessRate + "/s p50 / p99 / max (ms)",
                latencyP50Ms + " / " + latencyP99Ms + " / " + latencyMaxMs,
                "p99 <= 200",
                "cold start to first metric (s)",
                coldStartSeconds < 0 ? "-" : String.format(Locale.ROOT, "%.1f", coldStartSeconds),
                "<= 4",
                "peak RSS / heap used (MiB)",
                rssPeakMb + " / " + heapUsedMb,
                "RSS <= 1024");
        return figures + memoryRows();
    }

    private String memoryRows() {
        if (!memory.ran()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "%-46s %14s %s%n%-46s %14.1f %s%n%-46s %14s %s%n",
                "RSS first / last minute of " + memory.minutes() + " min (MiB)",
                memory.rssFirstMinuteMb() + " / " + memory.rssLastMinuteMb(),
                "<= 1024",
                "RSS slope, second half (MiB/min)",
                memory.rssSlopeMbPerMin(),
                "flat",
                "heap after GC, lowest / highest (MiB)",
                memory.heapAfterGcMinMb() + " / " + memory.heapAfterGcMaxMb(),
                "");
    }

    public String json() {
        return String.format(
                Locale.ROOT,
                "{\"events\":%d,\"ceilingPerSec\":%.0f,\"pipelinePerSec\":%.0f,\"ratio\":%.3f,\"processed\":%d,"
                        + "\"freshnessRate\":%d,\"p50Ms\":%d,\"p99Ms\":%d,\"maxMs\":%d,\"latencySamples\":%d,"
                        + "\"coldStartSec\":%.2f,\"rssPeakMb\":%d,\"heapUsedMb\":%d,\"memoryMinutes\":%d,"
                        + "\"rssFirstMinuteMb\":%d,\"rssLastMinuteMb\":%d,\"rssSlopeMbPerMin\":%.1f,"
                        + "\"heapAfterGcMinMb\":%d,\"heapAfterGcMaxMb\":%d,"
                        + "\"peerPerSec\":%.0f,\"pipelinePerPeer\":%.3f,\"pipelineCpuUsPerEvent\":%.1f,"
                        + "\"peerCpuUsPerEvent\":%.1f}",
                events,
                ceilingPerSecond,
                pipelinePerSecond,
                ratio(),
                processed,
                freshnessRate,
                latencyP50Ms,
                latencyP99Ms,
                latencyMaxMs,
                latencySamples,
                coldStartSeconds,
                rssPeakMb,
                heapUsedMb,
                memory.minutes(),
                memory.rssFirstMinuteMb(),
                memory.rssLastMinuteMb(),
                memory.rssSlopeMbPerMin(),
                memory.heapAfterGcMinMb(),
                memory.heapAfterGcMaxMb(),
                peerPerSecond,
                peerRatio(),
                pipelineCpuMicrosPerEvent,
                peerCpuMicrosPerEvent);
    }
}
