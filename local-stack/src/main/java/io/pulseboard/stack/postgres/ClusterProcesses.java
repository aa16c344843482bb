package io.pulseboard.stack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes of one cluster: every PostgreSQL process works in its data directory (the server
 * changes into it at start, and its back-ends and helpers inherit that), which Linux shows as {@code
 * /proc/<pid>/cwd}.
 *
 * <p>Needed because a server ended by SIGKILL ({@link PostgresServerProcess#kill()}, a crash) leaves its
 * back-ends and helpers behind for a moment, until they notice; while they hold its shared memory, a new
 * server on the same cluster refuses to start ({@code pre-existing shared memory block is still in use}).
 * Elsewhere than Linux nothing is found and nothing is waited for.
 */
final class ClusterProcesses {
    private static final Path PROC = Path.of("/proc");

    private ClusterProcesses() {}

    /** @return the live processes working in {@code clusterDir}; empty where it cannot be told */
    static List<ProcessHandle> in(Path clusterDir) {
        if (!Files.isDirectory(PROC) || !Files.isDirectory(clusterDir)) {
            return List.of();
        }
        Path real;
        try {
            real = clusterDir.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(process -> real.equals(cwd(process.pid())))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /**
     * Waits until no process works in {@code clusterDir}, at most {@code timeout}.
     *
     * @return the processes still there after it (empty once they are gone)
     */
    static List<ProcessHandle> awaitNoneIn(Path clusterDir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : in(clusterDir)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                process.onExit().get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return in(clusterDir);
    }

    private static Path cwd(long pid) {
        try {
            return Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // gone meanwhile, or another user's process: not one of this cluster's
        }
    }
}
