package io.pulseboard.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The drill-down's target editor without a toolkit: validation messages and the save's states. */
class TargetFormTest {

    private static final DisplayFormat US = DisplayFormat.of(Locale.US, "USD");
    private static final DisplayFormat DE = DisplayFormat.of(Locale.forLanguageTag("de-DE"), "EUR");

    /** A fake port: records each call and completes when the test says. */
    private record Call(String region, BigDecimal perHour, BigDecimal perDay, CompletableFuture<Void> done) {}

    private final List<Call> calls = new ArrayList<>();
    private final TargetEditor editor = (region, perHour, perDay) -> {
        CompletableFuture<Void> done = new CompletableFuture<>();
        calls.add(new Call(region, perHour, perDay, done));
        return done;
    };

    private TargetForm form(DisplayFormat f) {
        TargetForm form = new TargetForm(Optional.of(editor), Runnable::run, f);
        form.load("EU-WEST", Optional.of(new BigDecimal("10000.00")), Optional.of(new BigDecimal("240000.00")), f);
        return form;
    }

    private static String error(String typed, DisplayFormat f) {
        return TargetForm.parse(TargetForm.HOUR_FIELD, typed, 14, f).error();
    }

    @Test
    void refusesWhatIsNotANonNegativeAmountWithAMessageNamingTheField() {
        assertThat(error("-5", US)).isEqualTo("Target per hour must not be negative: '-5'");
        assertThat(error("12.5x", US))
                .isEqualTo("Target per hour: '12.5x' is not an amount; type digits with '.' before the decimals,"
                        + " such as 12,500.00");
        assertThat(error("$12,500", US)).startsWith("Target per hour: '$12,500' is not an amount");
        assertThat(error("10.125", US)).isEqualTo("Target per hour has more than 2 decimals: '10.125'");
        assertThat(error("  ", US))
                .isEqualTo("Target per hour is empty: type an amount such as 12,500.00 (0 for no target)");
        assertThat(error("123456789012345", US))
                .isEqualTo("Target per hour is too large: at most 14 digits before the decimals");
        assertThat(error("1,23,456", US)).startsWith("Target per hour: '1,23,456' is not an amount");
    }

    @Test
    void readsAmountsInTheUsersLocaleAndRefusesTheOtherStyleInsteadOfMisreadingIt() {
        assertThat(TargetForm.parse("f", "12,500.50", 14, US).value()).contains(new BigDecimal("12500.50"));
        assertThat(TargetForm.parse("f", "12500", 14, US).value()).contains(new BigDecimal("12500"));
        assertThat(TargetForm.parse("f", "0", 14, US).value()).contains(BigDecimal.ZERO);
        assertThat(TargetForm.parse("f", "12.500,50", 14, DE).value()).contains(new BigDecimal("12500.50"));
        assertThat(TargetForm.parse("f", "12500,5", 14, DE).value()).contains(new BigDecimal("12500.5"));
        // in de-DE '.' groups: "12500.5" would read as 125,005 if parsed leniently
        assertThat(TargetForm.parse(TargetForm.DAY_FIELD, "12500.5", 16, DE).error())
                .isEqualTo("Target per day: '12500.5' is not an amount; type digits with ',' before the decimals,"
                        + " such as 12.500,00");
    }

    @Test
    void savesBothTargetsShowingProgressThenThatTheTileFollows() {
        TargetForm form = form(DE);
        assertThat(form.perHourTextProperty().get()).isEqualTo("10.000,00");
        form.perHourTextProperty().set("12.500,50");
        form.perDayTextProperty().set("300000");

        form.save();

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).region()).isEqualTo("EU-WEST");
        assertThat(calls.get(0).perHour()).isEqualTo(new BigDecimal("12500.50"));
        assertThat(calls.get(0).perDay()).isEqualTo(new BigDecimal("300000"));
        assertThat(form.savingProperty().get()).isTrue();
        assertThat(form.statusProperty().get()).isEqualTo(TargetForm.Status.SAVING);
        assertThat(form.statusTextProperty().get()).isEqualTo("Saving the targets of EU-WEST…");
        form.save();
        assertThat(calls).as("no second write while one is running").hasSize(1);

        calls.get(0).done().complete(null);

        assertThat(form.savingProperty().get()).isFalse();
        assertThat(form.statusProperty().get()).isEqualTo(TargetForm.Status.SAVED);
        assertThat(form.statusTextProperty().get()).isEqualTo("Saved; the tile follows within seconds");
    }

    @Test
    void showsBothFieldsProblemsAndSavesNothing() {
        TargetForm form = form(US);
        form.perHourTextProperty().set("-1");
        form.perDayTextProperty().set("abc");

        form.save();

        assertThat(calls).isEmpty();
        assertThat(form.statusProperty().get()).isEqualTo(TargetForm.Status.INVALID);
        assertThat(form.perHourErrorProperty().get()).isEqualTo("Target per hour must not be negative: '-1'");
        assertThat(form.perDayErrorProperty().get())
                .isEqualTo("Target per day: 'abc' is not an amount; type digits with '.' before the decimals,"
                        + " such as 12,500.00");
        assertThat(form.statusTextProperty().get())
                .isEqualTo(form.perHourErrorProperty().get() + "; "
                        + form.perDayErrorProperty().get());

        form.perHourTextProperty().set("5,000");
        form.perDayTextProperty().set("120,000.00");
        form.save();
        assertThat(form.perHourErrorProperty().get()).isEmpty();
        assertThat(form.perDayErrorProperty().get()).isEmpty();
        assertThat(calls).hasSize(1);
    }

    @Test
    void showsWhyASaveFailed() {
        TargetForm form = form(US);
        form.save();
        calls.get(0)
                .done()
                .completeExceptionally(new java.util.concurrent.CompletionException(
                        new IllegalStateException("Region EU-WEST is not in the reference data")));

        assertThat(form.savingProperty().get()).isFalse();
        assertThat(form.statusProperty().get()).isEqualTo(TargetForm.Status.FAILED);
        assertThat(form.statusTextProperty().get())
                .isEqualTo("Saving the targets of EU-WEST failed: Region EU-WEST is not in the reference data");
    }

    @Test
    void withoutAReferenceDatabaseSaysWhyAndSavesNothing() {
        TargetForm form = new TargetForm(Optional.empty(), Runnable::run, US);
        form.load("EU-WEST", Optional.empty(), Optional.empty(), US);

        form.save();

        assertThat(form.editable()).isFalse();
        assertThat(form.unavailableReason())
                .isEqualTo("Editing targets needs the PostgreSQL reference database, and this session has none"
                        + " (a viewer, or a remote profile without PostgreSQL)");
        assertThat(form.statusProperty().get()).isEqualTo(TargetForm.Status.NONE);
        assertThat(form.perHourTextProperty().get()).isEmpty();
    }
}
