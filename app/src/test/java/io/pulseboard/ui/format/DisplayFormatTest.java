package io.pulseboard.ui.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Numbers as the screens write them, in two locales and two currencies (NBSP is U+00A0, as CLDR has it). */
class DisplayFormatTest {

    private static final Locale DE = Locale.forLanguageTag("de-DE");
    private static final BigDecimal REVENUE = new BigDecimal("275086.79");

    @Test
    void writesMoneyWithTheLocalesGroupingAndTheConfiguredCurrency() {
        assertThat(DisplayFormat.of(Locale.US, "USD").money(REVENUE)).isEqualTo("$275,086.79");
        assertThat(DisplayFormat.of(Locale.US, "EUR").money(REVENUE)).isEqualTo("€275,086.79");
        assertThat(DisplayFormat.of(DE, "USD").money(REVENUE)).isEqualTo("275.086,79\u00a0$");
        assertThat(DisplayFormat.of(DE, "EUR").money(REVENUE)).isEqualTo("275.086,79\u00a0€");
        assertThat(DisplayFormat.of(DE, "EUR").moneyWhole(275086.79)).isEqualTo("275.087\u00a0€");
        assertThat(DisplayFormat.of(Locale.US, "JPY").money(new BigDecimal("1234.5")))
                .isEqualTo("¥1,235");
    }

    @Test
    void writesCountsDecimalsAndChangesPerLocale() {
        DisplayFormat us = DisplayFormat.of(Locale.US, "USD");
        DisplayFormat de = DisplayFormat.of(DE, "EUR");

        assertThat(us.count(67651)).isEqualTo("67,651");
        assertThat(de.count(67651)).isEqualTo("67.651");
        assertThat(us.decimal(1329.56, 1)).isEqualTo("1,329.6");
        assertThat(de.decimal(1329.56, 1)).isEqualTo("1.329,6");
        assertThat(us.percentChange(2.14)).isEqualTo("+2.1%");
        assertThat(de.percentChange(2.14)).isEqualTo("+2,1\u00a0%");
        assertThat(us.percentChange(-19.7)).isEqualTo("-19.7%");
        assertThat(us.percentChange(0)).isEqualTo("0.0%");
        assertThat(us.percent(84.14)).isEqualTo("84.1%");
        assertThat(de.percent(84.14)).isEqualTo("84,1\u00a0%");
        assertThat(us.percent(120)).isEqualTo("120.0%");
        assertThat(de.wholeNumberFormat().format(8000)).isEqualTo("8.000");
    }

    @Test
    void writesSpansForPeople() {
        DisplayFormat us = DisplayFormat.of(Locale.US, "USD");
        DisplayFormat de = DisplayFormat.of(DE, "EUR");

        assertThat(us.duration(Duration.ofMillis(4230))).isEqualTo("4.2 s");
        assertThat(de.duration(Duration.ofMillis(4230))).isEqualTo("4,2 s");
        assertThat(us.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(us.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(us.duration(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(us.duration(Duration.ofSeconds(-3))).isEqualTo("0.0 s");
    }

    @Test
    void rejectsACodeThatIsNotACurrencyNamingTheKey() {
        assertThatThrownBy(() -> DisplayFormat.of(Locale.US, "ABC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ABC' is not an ISO-4217 currency code (set pulseboard.events.currency to one such as USD"
                        + " or EUR)");
    }
}
