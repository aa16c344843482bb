package io.pulseboard.ui.dashboard;

import java.math.BigDecimal;

/** Row types of the dashboard's charts and lists; immutable. */
public final class DashboardRows {

    private DashboardRows() {}

    /** One region's bar in the latest window. */
    public record RegionBar(String region, BigDecimal revenue, long orders) {}

    /**
     * One point of the revenue trend: the revenue of all regions in the 5-minute window starting at
     * {@code label} (formatted in the chosen time zone).
     */
    public record TrendPoint(long windowStartMs, String label, BigDecimal revenue) {}

    /** One line of the engagement leaderboard. */
    public record CustomerRow(String customerId, long score, long purchases) {}

    /** A bucket of the engagement score distribution, e.g. "20-39". */
    public record ScoreBucket(String label, long customers) {}

    /** Dead letters of one reason. */
    public record ReasonCount(String reason, long count) {}
}
