package io.pulseboard.ui.dashboard;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a region's revenue targets into the reference data (the session implements it over
 * PostgreSQL); the live target tiles follow through the reference change stream within seconds. A
 * session without a reference database (viewer, remote without PostgreSQL) has none, and the
 * dashboard says so instead of offering the edit.
 */
@FunctionalInterface
public interface TargetEditor {

    /**
     * Starts writing both targets of {@code region}. Called on the FX thread: the write must run on the
     * implementation's own executor, and this method return at once.
     *
     * @param region the region's id, as the snapshots name it (e.g. {@code EU-WEST})
     * @param perHour the revenue target per hour in the reporting currency; non-negative, at most 2 decimals
     * @param perDay the revenue target per day in the reporting currency; non-negative, at most 2 decimals
     * @return completes once written; completes exceptionally with a cause whose message says what failed
     *     (e.g. the region is not in the reference data, or the database cannot be reached)
     */
    CompletableFuture<Void> saveTargets(String region, BigDecimal perHour, BigDecimal perDay);
}
