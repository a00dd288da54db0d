package dev.breaker.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * A {@code breaker.*} property whose value a circuit breaker cannot work with. It names the
 * full property, the value and what is allowed; {@link InvalidBreakerPropertyFailureAnalyzer}
 * turns it into the startup failure report.
 */
public final class InvalidBreakerPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final @Nullable String sourceProperty;

    private final transient @Nullable Object value;

    private final String allowed;

    private final transient @Nullable Counterpart counterpart;

    /**
     * Creates the exception.
     * @param property the property to fix, such as
     * {@code breaker.instances.payment.failure-rate-threshold}
     * @param sourceProperty the property the value was read from, when it differs (a value
     * inherited from {@code breaker.defaults}), or {@code null}
     * @param value the rejected value
     * @param allowed what the property accepts, as a phrase
     */
    public InvalidBreakerPropertyException(String property, @Nullable String sourceProperty, @Nullable Object value,
            String allowed) {
        this(property, sourceProperty, value, allowed, null);
    }

    /**
     * Creates the exception for a value that conflicts with another property's.
     * @param property the property to fix
     * @param sourceProperty the property the value was read from, when it differs, or
     * {@code null}
     * @param value the rejected value
     * @param allowed what the property accepts, as a phrase that names the other property
     * @param counterpart the other property, or {@code null} when the value is wrong by itself
     */
    public InvalidBreakerPropertyException(String property, @Nullable String sourceProperty, @Nullable Object value,
            String allowed, @Nullable Counterpart counterpart) {
        super(message(property, sourceProperty, value, allowed));
        this.property = property;
        this.sourceProperty = sourceProperty;
        this.value = value;
        this.allowed = allowed;
        this.counterpart = counterpart;
    }

    private static String message(String property, @Nullable String sourceProperty, @Nullable Object value,
            String allowed) {
        String inherited = (sourceProperty != null) ? " (inherited from '" + sourceProperty + "')" : "";
        return "Invalid value " + format(value) + " for '" + property + "'" + inherited + ": " + allowed;
    }

    /**
     * Formats a bound value as a user would write it: {@code 50} rather than {@code 50.0},
     * {@code 30s} rather than {@code PT30S}.
     * @param value the value
     * @return the text
     */
    static String format(@Nullable Object value) {
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return String.valueOf(number.longValue());
        }
        if (value instanceof Duration duration) {
            return format(duration);
        }
        return String.valueOf(value);
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS }) {
            long unitMillis = unit.getDuration().toMillis();
            if (millis != 0 && millis % unitMillis == 0) {
                return DurationStyle.SIMPLE.print(duration, unit);
            }
        }
        return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
    }

    /** @return the property to fix, with its full name */
    public String getProperty() {
        return this.property;
    }

    /** @return the property the value was inherited from, or {@code null} when it was set on {@link #getProperty()} */
    public @Nullable String getSourceProperty() {
        return this.sourceProperty;
    }

    /** @return the rejected value, as bound */
    public @Nullable Object getValue() {
        return this.value;
    }

    /** @return what the property accepts, as a phrase such as "must be a fraction between 0 and 1" */
    public String getAllowed() {
        return this.allowed;
    }

    /** @return the property the value conflicts with, or {@code null} when it is wrong by itself */
    public @Nullable Counterpart getCounterpart() {
        return this.counterpart;
    }

    /**
     * The other side of a conflict between two properties.
     * @param property the other property's full name
     * @param value its value as it applies
     * @param isDefault whether it is set nowhere, so that its default applies
     */
    public record Counterpart(String property, Object value, boolean isDefault) {
    }
}
