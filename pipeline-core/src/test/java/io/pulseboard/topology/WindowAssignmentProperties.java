package io.pulseboard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.TopologyConfig;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.internals.TimeWindow;

/** The sales windows the topology uses, against the plain arithmetic the README documents. */
class WindowAssignmentProperties {

    private final TimeWindows windows = MetricsTopology.salesWindows(TopologyConfig.defaults());

    @Property(tries = 2000)
    void everyEventFallsInExactlyFiveMinuteAlignedWindowsThatContainIt(
            @ForAll @LongRange(min = 300_000L, max = 4_102_444_800_000L) long timestamp) {
        List<TimeWindow> assigned = List.copyOf(windows.windowsFor(timestamp).values());

        long minute = Math.floorDiv(timestamp, 60_000L) * 60_000L;
        List<Long> expectedStarts = LongStream.rangeClosed(0, 4)
                .map(k -> minute - k * 60_000L)
                .sorted()
                .boxed()
                .toList();
        assertThat(assigned).hasSize(5);
        assertThat(assigned.stream().map(TimeWindow::start).sorted().toList()).isEqualTo(expectedStarts);
        assigned.forEach(w -> {
            assertThat(w.end() - w.start()).isEqualTo(300_000L);
            assertThat(timestamp).isGreaterThanOrEqualTo(w.start()).isLessThan(w.end());
        });
    }

    @Property(tries = 500)
    void theEarliestWindowClosesOneMinuteAfterTheEventsMinutePlusGrace(
            @ForAll @LongRange(min = 300_000L, max = 4_102_444_800_000L) long timestamp) {
        long earliestEnd = windows.windowsFor(timestamp).values().stream()
                .mapToLong(TimeWindow::end)
                .min()
                .orElseThrow();

        assertThat(earliestEnd).isEqualTo(Math.floorDiv(timestamp, 60_000L) * 60_000L + 60_000L);
    }

    @Property(tries = 2000)
    void theLatenessArithmeticAgreesWithKafkaStreamsWindowsForSalesAndEngagement(
            @ForAll @LongRange(min = 0L, max = 4_102_444_800_000L) long timestamp) {
        for (TimeWindows w : List.of(windows, MetricsTopology.engagementWindows(TopologyConfig.defaults()))) {
            long earliestEnd = w.windowsFor(timestamp).values().stream()
                    .mapToLong(TimeWindow::end)
                    .min()
                    .orElseThrow();

            assertThat(Lateness.earliestWindowEnd(w, timestamp)).isEqualTo(earliestEnd);
        }
    }
}
