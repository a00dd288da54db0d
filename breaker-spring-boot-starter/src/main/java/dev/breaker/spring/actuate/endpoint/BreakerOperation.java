package dev.breaker.spring.actuate.endpoint;

import java.time.Duration;
import java.util.regex.Pattern;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.spring.event.UntrustedText;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * An operator's write to the {@code circuitbreakers} endpoint, checked: the action and, for a
 * force, how long it lasts, why, and who asked. Every field but the action is optional.
 *
 * @param action what to do
 * @param duration how long a force lasts, or {@code null} until an operator releases it
 * @param reason why, or {@code null}
 * @param by the authenticated principal's name, or {@code null}
 */
record BreakerOperation(BreakerAction action, @Nullable Duration duration, @Nullable String reason,
        @Nullable String by) {

    /** The shortest override. */
    static final Duration MIN_DURATION = Duration.ofSeconds(1);

    /** The longest override. */
    static final Duration MAX_DURATION = Duration.ofDays(7);

    /** The most characters of a reason. */
    static final int MAX_REASON_LENGTH = 200;

    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+");

    /**
     * Check a request's fields.
     * @param action the action as written
     * @param duration the duration as written, such as {@code 10m}, {@code 30s} or {@code PT10M}
     * @param reason the reason as written
     * @param by the authenticated principal's name
     * @return the operation
     * @throws InvalidOperationException naming the first field that is missing or not allowed
     */
    static BreakerOperation of(@Nullable String action, @Nullable String duration, @Nullable String reason,
            @Nullable String by) {
        BreakerAction parsed = BreakerAction.from(action);
        if (parsed == null) {
            throw new InvalidOperationException("action",
                    ((action != null) ? "Unknown action '" + UntrustedText.bounded(action) + "'" : "Missing action")
                            + "; valid actions are " + String.join(", ", BreakerAction.valueNames()));
        }
        String written = blankToNull(duration);
        String why = blankToNull(reason);
        if (parsed == BreakerAction.RESET && (written != null || why != null)) {
            throw new InvalidOperationException((written != null) ? "duration" : "reason", "A reset takes no "
                    + ((written != null) ? "duration" : "reason") + "; only force-open and force-close do");
        }
        if (why != null && why.length() > MAX_REASON_LENGTH) {
            throw new InvalidOperationException("reason", "Invalid reason '" + UntrustedText.bounded(why)
                    + "': at most " + MAX_REASON_LENGTH + " characters");
        }
        return new BreakerOperation(parsed, (written != null) ? duration(written) : null, why, by);
    }

    /** Apply the operation to a breaker or a keyed child. */
    void applyTo(CircuitBreaker breaker) {
        this.action.applyTo(breaker, this.duration, this.reason, this.by);
    }

    private static Duration duration(String written) {
        Duration duration = null;
        if (!PLAIN_NUMBER.matcher(written).matches()) {
            try {
                duration = DurationStyle.detectAndParse(written);
            }
            catch (IllegalArgumentException ex) {
                // not a duration: said below
            }
        }
        if (duration == null || duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidOperationException("duration", "Invalid duration '" + UntrustedText.bounded(written)
                    + "'; write a duration from 1s to 7d with a unit, such as 30s, 10m, 2h or PT10M");
        }
        return duration;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text.trim();
    }

}
