package io.pulseboard.startup;

import java.util.List;

/** Child processes of this JVM, for tests that check the local demo leaves none behind. */
public final class ChildProcesses {

    private ChildProcesses() {}

    /** Live redis-server processes started (directly or not) by this JVM. */
    public static List<ProcessHandle> redis() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .toList();
    }
}
