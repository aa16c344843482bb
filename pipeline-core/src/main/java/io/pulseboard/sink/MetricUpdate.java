package io.pulseboard.sink;

import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;

/**
 * One update of a metric on its way to a store. {@link #key()} identifies what it overwrites: a
 * newer update with the same key makes an older, unsent one obsolete.
 */
public sealed interface MetricUpdate {

    String key();

    record Sales(SalesWindowMetric metric) implements MetricUpdate {
        @Override
        public String key() {
            return "sales:" + metric.region() + ":" + metric.windowStart().toEpochMilli();
        }
    }

    record Engagement(EngagementScore score) implements MetricUpdate {
        @Override
        public String key() {
            return "engagement:" + score.customerId() + ":"
                    + score.windowStart().toEpochMilli();
        }
    }

    record Quality(DataQualityCount count) implements MetricUpdate {
        @Override
        public String key() {
            return "quality:" + count.reason().name();
        }
    }

    /** A window of sales by category, channel or product ({@code sales-by-category}, -channel, -product). */
    record Breakdown(SalesBreakdownMetric metric) implements MetricUpdate {
        @Override
        public String key() {
            return "breakdown:" + metric.dimension() + ":" + metric.region() + ":" + metric.value() + ":"
                    + metric.windowStart().toEpochMilli();
        }
    }

    /** A region's hour or day against its target ({@code region-targets}). */
    record Target(TargetMetric metric) implements MetricUpdate {
        @Override
        public String key() {
            return "target:" + metric.region() + ":" + metric.period() + ":"
                    + metric.windowStart().toEpochMilli();
        }
    }
}
