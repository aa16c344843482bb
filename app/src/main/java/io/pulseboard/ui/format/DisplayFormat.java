package io.pulseboard.ui.format;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * How the screens write numbers: one locale (grouping, decimal separator, where the currency sign
 * goes) and the reporting currency. Every figure a screen shows goes through here, built on {@link
 * NumberFormat} and {@link Currency}; CSV exports do not (they keep plain machine-readable values).
 *
 * <p>Immutable and safe on any thread: a {@link NumberFormat} is not, so each call makes its own.
 */
public final class DisplayFormat {

    private final Locale locale;
    private final Currency currency;

    private DisplayFormat(Locale locale, Currency currency) {
        this.locale = locale;
        this.currency = currency;
    }

    /**
     * @param locale the user's formatting locale, e.g. {@code Locale.getDefault(Locale.Category.FORMAT)}
     * @param currencyCode the reporting currency's ISO-4217 code ({@code pulseboard.events.currency})
     * @throws IllegalArgumentException naming the code if it is not an ISO-4217 currency
     */
    public static DisplayFormat of(Locale locale, String currencyCode) {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(currencyCode, "currencyCode");
        try {
            return new DisplayFormat(locale, Currency.getInstance(currencyCode));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + currencyCode
                            + "' is not an ISO-4217 currency code (set pulseboard.events.currency to one such as"
                            + " USD or EUR)",
                    e);
        }
    }

    public Locale locale() {
        return locale;
    }

    /** The ISO-4217 code, e.g. {@code USD}: for labels and CSV headers that name the unit. */
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /** A copy for another reporting currency (the same locale). */
    public DisplayFormat withCurrency(String currencyCode) {
        return currencyCode.equals(currencyCode()) ? this : of(locale, currencyCode);
    }

    /** An amount in the reporting currency with its sign and the currency's fraction digits, rounded half up: {@code $275,086.79}. */
    public String money(BigDecimal amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        // Commercial rounding for currencies with fewer decimals than the figure (JPY): 1,234.5 -> 1,235.
        format.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return format.format(amount);
    }

    /** An amount in whole units of the reporting currency, for bars and axes: {@code $275,087}. */
    public String moneyWhole(double amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMaximumFractionDigits(0);
        format.setMinimumFractionDigits(0);
        return format.format(amount);
    }

    /** A count with grouping: {@code 67,651} (en-US), {@code 67.651} (de-DE). */
    public String count(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A figure with exactly {@code fractionDigits} decimals and grouping. */
    public String decimal(double value, int fractionDigits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(fractionDigits);
        format.setMaximumFractionDigits(fractionDigits);
        return format.format(value);
    }

    /** An exact amount with exactly {@code fractionDigits} decimals (rounded half up) and grouping, without a currency sign. */
    public String decimal(BigDecimal value, int fractionDigits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(fractionDigits);
        format.setMaximumFractionDigits(fractionDigits);
        format.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return format.format(value);
    }

    /** A change in percent with its sign and one decimal: {@code +2.1%} (en-US), {@code +2,1 %} (de-DE). */
    public String percentChange(double percent) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        String text = format.format(percent / 100);
        return percent > 0 ? "+" + text : text;
    }

    /** A share in percent with one decimal and no sign: {@code 84.1%} (en-US), {@code 84,1 %} (de-DE). */
    public String percent(double percent) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(percent / 100);
    }

    /**
     * A span for people: {@code 4.2 s} under a minute, {@code 3 min 5 s} under an hour, else {@code 2 h 10 min}.
     */
    public String duration(Duration span) {
        long ms = Math.max(0, span.toMillis());
        if (ms < 60_000) {
            return decimal(ms / 1000.0, ms < 10_000 ? 1 : 0) + " s";
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            long s = seconds % 60;
            return count(seconds / 60) + " min" + (s == 0 ? "" : " " + s + " s");
        }
        long minutes = (seconds / 60) % 60;
        return count(seconds / 3600) + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }

    /** A whole-number {@link DecimalFormat} of this locale, for TilesFX tiles' custom value format. */
    public DecimalFormat wholeNumberFormat() {
        NumberFormat format = NumberFormat.getIntegerInstance(locale);
        if (format instanceof DecimalFormat decimal) {
            return decimal;
        }
        return new DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(locale));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisplayFormat other && other.locale.equals(locale) && other.currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(locale, currency);
    }

    @Override
    public String toString() {
        return "DisplayFormat[" + locale.toLanguageTag() + ", " + currency.getCurrencyCode() + "]";
    }
}
