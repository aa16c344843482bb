package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The target editor of the region drill-down: the per-hour and per-day targets as typed, checked as the
 * database will hold them (non-negative, at most 2 decimals, {@code numeric(16,2)} and {@code
 * numeric(18,2)}), then saved through the session's {@link TargetEditor}. Amounts are typed in the
 * user's locale ({@code 12,500.00} in en-US, {@code 12.500,00} in de-DE); one in the other locale's
 * style is refused, not misread ({@code 12.5} in de-DE would otherwise be 125). Without an editor
 * (viewer and remote sessions without PostgreSQL) the form says why it cannot save. FX thread.
 */
public final class TargetForm {

    /** What the form's status line says. */
    public enum Status {
        NONE,
        INVALID,
        SAVING,
        SAVED,
        FAILED
    }

    static final String HOUR_FIELD = "Target per hour";
    static final String DAY_FIELD = "Target per day";
    static final String SAVED = "Saved; the tile follows within seconds";
    static final String UNAVAILABLE = "Editing targets needs the PostgreSQL reference database, and this session"
            + " has none (a viewer, or a remote profile without PostgreSQL)";
    /** Integer digits the columns hold: regions.target_per_hour numeric(16,2), target_per_day numeric(18,2). */
    private static final int HOUR_DIGITS = 14;

    private static final int DAY_DIGITS = 16;
    private static final int DECIMALS = 2;

    private final Optional<TargetEditor> editor;
    private final Executor fxExecutor;
    private final StringProperty perHourText = new SimpleStringProperty("");
    private final StringProperty perDayText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper perHourError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper perDayError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper region = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.NONE);
    private DisplayFormat format;

    /**
     * @param editor writes the targets; empty when the session has no reference database
     * @param fxExecutor runs the save's outcome on the FX thread ({@code Runnable::run} in tests)
     * @param format the locale amounts are typed in, and the currency they are in
     */
    TargetForm(Optional<TargetEditor> editor, Executor fxExecutor, DisplayFormat format) {
        this.editor = Objects.requireNonNull(editor, "editor");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** Fills the form for {@code regionId} with its current targets (empty fields where none is known). */
    void load(String regionId, Optional<BigDecimal> perHour, Optional<BigDecimal> perDay, DisplayFormat f) {
        format = f;
        region.set(regionId);
        perHourText.set(perHour.map(this::typed).orElse(""));
        perDayText.set(perDay.map(this::typed).orElse(""));
        perHourError.set("");
        perDayError.set("");
        if (!saving.get()) {
            status.set(Status.NONE);
            statusText.set("");
        }
    }

    private String typed(BigDecimal amount) {
        return format.decimal(amount, DECIMALS);
    }

    /** Whether targets can be saved in this session; when not, {@link #unavailableReason()} says why. */
    public boolean editable() {
        return editor.isPresent();
    }

    public String unavailableReason() {
        return editable() ? "" : UNAVAILABLE;
    }

    /**
     * Checks both fields and, when both hold an amount, saves them; the status says it is saving, then
     * {@value #SAVED}, or why it failed. Nothing happens without an editor or while a save is running.
     */
    public void save() {
        if (editor.isEmpty() || saving.get()) {
            return;
        }
        Parsed hour = parse(HOUR_FIELD, perHourText.get(), HOUR_DIGITS, format);
        Parsed day = parse(DAY_FIELD, perDayText.get(), DAY_DIGITS, format);
        perHourError.set(hour.error());
        perDayError.set(day.error());
        if (hour.value().isEmpty() || day.value().isEmpty()) {
            status.set(Status.INVALID);
            statusText.set(String.join(
                    "; ",
                    java.util.stream.Stream.of(hour.error(), day.error())
                            .filter(e -> !e.isEmpty())
                            .toList()));
            return;
        }
        String target = region.get();
        saving.set(true);
        status.set(Status.SAVING);
        statusText.set("Saving the targets of " + target + "…");
        CompletableFuture<Void> write;
        try {
            write = editor.get()
                    .saveTargets(target, hour.value().get(), day.value().get());
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenCompleteAsync((ok, error) -> finished(target, error), fxExecutor);
    }

    private void finished(String target, Throwable error) {
        saving.set(false);
        if (error == null) {
            status.set(Status.SAVED);
            statusText.set(SAVED);
            return;
        }
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getMessage();
        status.set(Status.FAILED);
        statusText.set("Saving the targets of " + target + " failed: " + why);
    }

    /** A field's amount, or why it is not one (the message names the field). */
    record Parsed(Optional<BigDecimal> value, String error) {
        static Parsed ok(BigDecimal value) {
            return new Parsed(Optional.of(value), "");
        }

        static Parsed wrong(String error) {
            return new Parsed(Optional.empty(), error);
        }
    }

    /**
     * Reads an amount typed in {@code f}'s locale: digits, optionally grouped by threes with the locale's
     * grouping separator, and at most {@value #DECIMALS} decimals after its decimal separator.
     */
    static Parsed parse(String field, String text, int integerDigits, DisplayFormat f) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(f.locale());
        char decimal = symbols.getDecimalSeparator();
        char grouping = symbols.getGroupingSeparator();
        String example = f.decimal(12_500, DECIMALS);
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty()) {
            return Parsed.wrong(field + " is empty: type an amount such as " + example + " (0 for no target)");
        }
        if (typed.startsWith("-")) {
            return Parsed.wrong(field + " must not be negative: '" + typed + "'");
        }
        // A space-like grouping separator (fr-FR's narrow no-break space) may be typed as a plain space.
        String normalised = Character.isSpaceChar(grouping) ? typed.replace(' ', grouping) : typed;
        String g = Pattern.quote(String.valueOf(grouping));
        String d = Pattern.quote(String.valueOf(decimal));
        if (!normalised.matches("(\\d+|\\d{1,3}(" + g + "\\d{3})+)(" + d + "\\d+)?")) {
            return Parsed.wrong(field + ": '" + typed + "' is not an amount; type digits with '" + decimal
                    + "' before the decimals, such as " + example);
        }
        BigDecimal value =
                new BigDecimal(normalised.replace(String.valueOf(grouping), "").replace(decimal, '.'));
        if (value.scale() > DECIMALS) {
            return Parsed.wrong(field + " has more than " + DECIMALS + " decimals: '" + typed + "'");
        }
        if (value.precision() - value.scale() > integerDigits) {
            return Parsed.wrong(field + " is too large: at most " + integerDigits + " digits before the decimals");
        }
        return Parsed.ok(value);
    }

    /** The per-hour target as typed; bound to its field. */
    public StringProperty perHourTextProperty() {
        return perHourText;
    }

    /** The per-day target as typed; bound to its field. */
    public StringProperty perDayTextProperty() {
        return perDayText;
    }

    /** Why the per-hour field cannot be saved, naming it; empty when it can (or before a save). */
    public ReadOnlyStringProperty perHourErrorProperty() {
        return perHourError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty perDayErrorProperty() {
        return perDayError.getReadOnlyProperty();
    }

    /** The region the form edits. */
    public ReadOnlyStringProperty regionProperty() {
        return region.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** The save's progress, outcome or the fields' problems, in words. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }
}
