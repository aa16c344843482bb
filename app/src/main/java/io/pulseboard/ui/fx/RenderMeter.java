package io.pulseboard.ui.fx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Frames per second, the CPU time of the FX application thread and the renderer thread, and the
 * event-to-pixel latency ({@link EventToPixelMeter}) over an interval. Start and stop it on the FX
 * thread.
 */
public final class RenderMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final EventToPixelMeter eventToPixel;
    private long frames;
    private long startNanos;
    private long fxCpuStart;
    private long rendererCpuStart;
    private long fxThreadId;
    private long rendererThreadId = -1;
    private long feedThreadId = -1;
    private long feedCpuStart;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frames++;
        }
    };

    /** @param eventToPixel the latency meter the dashboard reports its applied values to */
    public RenderMeter(EventToPixelMeter eventToPixel) {
        this.eventToPixel = eventToPixel;
    }

    public void start() {
        fxThreadId = Thread.currentThread().getId();
        rendererThreadId = threadNamed("QuantumRenderer");
        feedThreadId = threadNamed("pulseboard-feed");
        frames = 0;
        startNanos = System.nanoTime();
        fxCpuStart = threads.getThreadCpuTime(fxThreadId);
        rendererCpuStart = rendererThreadId < 0 ? 0 : threads.getThreadCpuTime(rendererThreadId);
        feedCpuStart = feedThreadId < 0 ? 0 : threads.getThreadCpuTime(feedThreadId);
        eventToPixel.reset();
        timer.start();
    }

    /** The id of the first live thread whose name starts with {@code prefix}; -1 when there is none. */
    private long threadNamed(String prefix) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith(prefix))
                .mapToLong(ThreadInfo::getThreadId)
                .findFirst()
                .orElse(-1);
    }

    /** Stops measuring and returns the figures. */
    public Result stop() {
        timer.stop();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double fxBusy = (threads.getThreadCpuTime(fxThreadId) - fxCpuStart) / 1e9 / seconds;
        double rendererBusy = rendererThreadId < 0
                ? Double.NaN
                : (threads.getThreadCpuTime(rendererThreadId) - rendererCpuStart) / 1e9 / seconds;
        double feedBusy =
                feedThreadId < 0 ? Double.NaN : (threads.getThreadCpuTime(feedThreadId) - feedCpuStart) / 1e9 / seconds;
        return new Result(
                seconds,
                frames / seconds,
                fxBusy,
                rendererBusy,
                feedBusy,
                eventToPixel.summary(),
                eventToPixel.eventToSnapshot(),
                eventToPixel.snapshotToPixel(),
                eventToPixel.newestToPixel());
    }

    /**
     * @param fps pulses (frames) per second seen by an AnimationTimer
     * @param fxBusy CPU time of the FX application thread divided by wall time (0..1)
     * @param rendererBusy the same for the renderer thread (NaN when not found)
     * @param feedBusy the same for the pipeline's feed thread, which builds the snapshots (NaN when not found)
     * @param eventToPixel event time to the layout pulse of each new value shown
     * @param eventToSnapshot its first part: event time to the snapshot that carried the value
     * @param snapshotToPixel its second part: the snapshot to the layout pulse
     * @param newestToPixel one sample per value: its newest event to the layout pulse
     */
    public record Result(
            double seconds,
            double fps,
            double fxBusy,
            double rendererBusy,
            double feedBusy,
            EventToPixelMeter.Summary eventToPixel,
            EventToPixelMeter.Summary eventToSnapshot,
            EventToPixelMeter.Summary snapshotToPixel,
            EventToPixelMeter.Summary newestToPixel) {
        /** The table (two lines) and one JSON line with the same figures. */
        public String table() {
            return String.format(
                    Locale.ROOT,
                    "render benchmark over %.1f s: %.1f fps | FX thread busy %.1f%% | renderer thread busy %.1f%%"
                            + " | feed thread busy %.1f%%%n"
                            + "event to pixel: p50 %d ms | p99 %d ms | max %d ms | over %d ms of event time in %d values%n"
                            + "  made of: event to snapshot p50 %d / p99 %d / max %d ms,"
                            + " snapshot to pixel p50 %d / p99 %d / max %d ms%n"
                            + "newest event of each value to pixel: p50 %d ms | p99 %d ms | max %d ms%n"
                            + "{\"seconds\":%.1f,\"fps\":%.1f,\"fxBusy\":%.3f,\"rendererBusy\":%.3f,"
                            + "\"fxBusyPct\":%.1f,\"eventToPixelP50Ms\":%d,\"eventToPixelP99Ms\":%d,"
                            + "\"eventToPixelMaxMs\":%d,\"eventToPixelSamples\":%d,\"eventToPixelValues\":%d,"
                            + "\"newestToPixelP50Ms\":%d,\"newestToPixelP99Ms\":%d,\"newestToPixelMaxMs\":%d}",
                    seconds,
                    fps,
                    fxBusy * 100,
                    rendererBusy * 100,
                    feedBusy * 100,
                    eventToPixel.p50Ms(),
                    eventToPixel.p99Ms(),
                    eventToPixel.maxMs(),
                    eventToPixel.samples(),
                    eventToPixel.values(),
                    eventToSnapshot.p50Ms(),
                    eventToSnapshot.p99Ms(),
                    eventToSnapshot.maxMs(),
                    snapshotToPixel.p50Ms(),
                    snapshotToPixel.p99Ms(),
                    snapshotToPixel.maxMs(),
                    newestToPixel.p50Ms(),
                    newestToPixel.p99Ms(),
                    newestToPixel.maxMs(),
                    seconds,
                    fps,
                    fxBusy,
                    rendererBusy,
                    fxBusy * 100,
                    eventToPixel.p50Ms(),
                    eventToPixel.p99Ms(),
                    eventToPixel.maxMs(),
                    eventToPixel.samples(),
                    eventToPixel.values(),
                    newestToPixel.p50Ms(),
                    newestToPixel.p99Ms(),
                    newestToPixel.maxMs());
        }
    }
}
