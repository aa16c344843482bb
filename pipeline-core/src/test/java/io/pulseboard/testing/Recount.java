package io.pulseboard.testing;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Independent recount of what the topology should publish, with plain arithmetic (no Kafka
 * Streams window classes): a sale at t belongs to the five windows starting at
 * floor(t / 1 min) * 1 min - k minutes, k = 0..4.
 */
public final class Recount {

    /** Comparable view of one window: "count/revenue/units" with revenue stripped of trailing zeros. */
    public static String cell(long count, BigDecimal revenue, long units) {
        return count + "/" + revenue.stripTrailingZeros().toPlainString() + "/" + units;
    }

    public static String cell(SalesWindowMetric m) {
        return cell(m.count(), m.revenue(), m.units());
    }

    /** Key "region@windowStartMillis" to cell. */
    public static Map<String, String> sales(Collection<SalesEvent> sales) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        for (SalesEvent sale : sales) {
            long minute = Math.floorDiv(sale.timestamp().toEpochMilli(), 60_000L) * 60_000L;
            for (int k = 0; k < 5; k++) {
                String key = sale.region() + "@" + (minute - k * 60_000L);
                long[] c = counts.computeIfAbsent(key, x -> new long[2]);
                c[0]++;
                c[1] += sale.quantity();
                revenue.merge(key, sale.amount(), BigDecimal::add);
            }
        }
        Map<String, String> cells = new TreeMap<>();
        counts.forEach((key, c) -> cells.put(key, cell(c[0], revenue.get(key), c[1])));
        return cells;
    }

    /** Key "customer@hourStartMillis" to the weighted score. */
    public static Map<String, Long> engagement(Collection<CustomerEvent> events) {
        Map<String, Long> scores = new TreeMap<>();
        for (CustomerEvent e : events) {
            long hour = Math.floorDiv(e.timestamp().toEpochMilli(), 3_600_000L) * 3_600_000L;
            scores.merge(e.customerId() + "@" + hour, (long) e.eventType().weight(), Long::sum);
        }
        return scores;
    }

    private Recount() {}
}
