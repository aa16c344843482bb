package io.pulseboard.sink;

import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;

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
}
