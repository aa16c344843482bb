package io.pulseboard.ui.fx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Frames per second and the CPU time of the FX application thread and the renderer thread over
 * an interval. Start and stop it on the FX thread.
 */
public final class RenderMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long frames;
    private long startNanos;
    private long fxCpuStart;
    private long rendererCpuStart;
    private long fxThreadId;
    private long rendererThreadId = -1;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frames++;
        }
    };

    public void start() {
        fxThreadId = Thread.currentThread().getId();
        rendererThreadId = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith("QuantumRenderer"))
                .mapToLong(ThreadInfo::getThreadId)
                .findFirst()
                .orElse(-1);
        frames = 0;
        startNanos = System.nanoTime();
        fxCpuStart = threads.getThreadCpuTime(fxThreadId);
        rendererCpuStart = rendererThreadId < 0 ? 0 : threads.getThreadCpuTime(rendererThreadId);
        timer.start();
    }

    /** Stops measuring and returns the figures. */
    public Result stop() {
        timer.stop();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double fxBusy = (threads.getThreadCpuTime(fxThreadId) - fxCpuStart) / 1e9 / seconds;
        double rendererBusy = rendererThreadId < 0
                ? Double.NaN
                : (threads.getThreadCpuTime(rendererThreadId) - rendererCpuStart) / 1e9 / seconds;
        return new Result(seconds, frames / seconds, fxBusy, rendererBusy);
    }

    /**
     * @param fps pulses (frames) per second seen by an AnimationTimer
     * @param fxBusy CPU time of the FX application thread divided by wall time (0..1)
     * @param rendererBusy the same for the renderer thread (NaN when not found)
     */
    public record Result(double seconds, double fps, double fxBusy, double rendererBusy) {
        public String table() {
            return String.format(
                    Locale.ROOT,
                    "render benchmark over %.1f s: %.1f fps | FX thread busy %.1f%% | renderer thread busy %.1f%%%n"
                            + "{\"seconds\":%.1f,\"fps\":%.1f,\"fxBusy\":%.3f,\"rendererBusy\":%.3f}",
                    seconds,
                    fps,
                    fxBusy * 100,
                    rendererBusy * 100,
                    seconds,
                    fps,
                    fxBusy,
                    rendererBusy);
        }
    }
}
