package io.pulseboard.stack.clickhouse;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Skips a test when no ClickHouse server is installed, except on CI ({@code CI=true}), where it fails. */
public final class ClickHouseAvailability {
    private ClickHouseAvailability() {}

    public static void assumeInstalled() {
        if (ClickHouseServerProcess.findBinary().isPresent()) {
            return;
        }
        String message = "No clickhouse-server or clickhouse binary installed: install the Debian package "
                + ClickHouseServerProcess.DEBIAN_PACKAGE + " (apt-get install " + ClickHouseServerProcess.DEBIAN_PACKAGE
                + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI must run this test, so this is a failure there");
        }
        Assumptions.abort(message);
    }
}
