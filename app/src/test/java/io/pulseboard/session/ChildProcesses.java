package io.pulseboard.session;

import java.util.List;

/** Child processes of this JVM, for tests that check a session leaves none behind. */
public final class ChildProcesses {

    private ChildProcesses() {}

    /** Live redis-server processes started (directly or not) by this JVM. */
    public static List<ProcessHandle> redis() {
        return named("redis");
    }

    /** Every live process started (directly or not) by this JVM. */
    public static List<ProcessHandle> all() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private static List<ProcessHandle> named(String part) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains(part)).orElse(false))
                .toList();
    }
}
