package io.pulseboard.topology;

import io.pulseboard.event.TargetMetric;
import io.pulseboard.reference.RegionInfo;
import io.pulseboard.serde.Json;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds the region's current target (per hour or per day, from the region global store {@link
 * MetricsTopology#REGION_STORE}) to an hour's or a day's revenue, and keys it {@code region|PERIOD}.
 */
final class TargetLookup implements Processor<String, TargetMetric, String, TargetMetric> {
    static final String HOUR = "HOUR";
    static final String DAY = "DAY";

    private final Json json;
    private ProcessorContext<String, TargetMetric> context;
    private KeyValueStore<String, byte[]> regions;

    TargetLookup(Json json) {
        this.json = json;
    }

    @Override
    public void init(ProcessorContext<String, TargetMetric> context) {
        this.context = context;
        this.regions = context.getStateStore(MetricsTopology.REGION_STORE);
    }

    @Override
    public void process(Record<String, TargetMetric> record) {
        TargetMetric m = record.value();
        byte[] bytes = regions.get(m.region());
        Optional<RegionInfo> region =
                bytes == null ? Optional.empty() : ReferenceStores.read(json, bytes, RegionInfo.class, m.region());
        TargetMetric withTarget = new TargetMetric(
                m.region(),
                m.period(),
                m.windowStart(),
                m.windowEnd(),
                m.count(),
                m.revenue(),
                m.currency(),
                region.map(r -> m.period().equals(HOUR) ? r.targetPerHour() : r.targetPerDay())
                        .orElse(null),
                m.lastEventTime());
        context.forward(record.withKey(m.region() + "|" + m.period()).withValue(withTarget));
    }
}
