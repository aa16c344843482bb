package io.pulseboard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IsoInstantProperties {

    @Property(tries = 5_000)
    void parsesEveryUtcInstantAsInstantParseDoes(
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        int kept = switch (precision) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1_000 * 1_000;
            default -> nanos;
        };
        String text = Instant.ofEpochSecond(seconds, kept).toString();

        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Property(tries = 5_000)
    void agreesWithInstantParseOnMangledText(@ForAll("mangled") String text) {
        Instant expected = null;
        Throwable expectedError = catchThrowable(() -> Instant.parse(text));
        if (expectedError == null) {
            expected = Instant.parse(text);
        }
        Instant actual = null;
        Throwable actualError = catchThrowable(() -> IsoInstant.parse(text));
        if (actualError == null) {
            actual = IsoInstant.parse(text);
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(actualError == null).isEqualTo(expectedError == null);
        if (actualError != null) {
            assertThat(actualError).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Example
    void fallsBackForOffsetsLeapSecondsAndImpossibleDates() {
        assertThat(IsoInstant.parse("2026-11-28T14:00:00+01:00")).isEqualTo(Instant.parse("2026-11-28T13:00:00Z"));
        assertThat(IsoInstant.parse("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2016-12-31T23:59:60Z"));
        assertThat(catchThrowable(() -> IsoInstant.parse("2026-02-30T00:00:00Z")))
                .isInstanceOf(DateTimeParseException.class);
    }

    /** Valid instants with one character replaced, dropped or doubled. */
    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> valid = Arbitraries.longs()
                .between(0, 4_102_444_800_000L)
                .map(ms -> Instant.ofEpochMilli(ms).toString());
        return valid.flatMap(text -> Arbitraries.integers()
                .between(0, text.length() - 1)
                .flatMap(at -> Arbitraries.of('0', '9', '-', ':', 'T', 'Z', '.', ' ', 'x', '+')
                        .flatMap(c -> Arbitraries.of(
                                text.substring(0, at) + c + text.substring(at + 1),
                                text.substring(0, at) + text.substring(at + 1),
                                text.substring(0, at) + text.charAt(at) + text.substring(at)))));
    }
}
