package dev.breaker.core;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An operator's reset, force-open and force-close. An action that leaves the state as it is makes
 * no transition: a reset of a CLOSED breaker still empties its window (a new period, so calls
 * admitted before end late), and repeating a force with a new duration or reason replaces the
 * override, shared, without a transition.
 */
final class OperatorActions {

    private OperatorActions() {
    }

    static void operate(CircuitBreaker breaker, CircuitState target, TransitionReason reason,
            @Nullable BreakerOverride override) {
        String detail = override != null ? override.describe() : "reset by an operator";
        for (;;) {
            long now = breaker.clock().millis();
            BreakerState from = breaker.current(now); // an OPEN breaker past its retry time is left from HALF_OPEN
            boolean same = from.kind() == target;
            BreakerState to = next(breaker, from, target, same, override, now);
            if (same && target != CircuitState.CLOSED) {
                if (override == null || override.until() == null && override.reason() == null) {
                    return; // a plain repeat changes nothing
                }
                if (breaker.replaceQuietly(from, to)) {
                    breaker.context().shared.publish(breaker, to, now);
                    return;
                }
                continue;
            }
            if (same ? breaker.replaceQuietly(from, to) : breaker.transition(from, to, reason, detail, now)) {
                if (target == CircuitState.CLOSED) {
                    breaker.clearConsecutive();
                }
                return;
            }
        }
    }

    /** The period an action enters: a new one, or for a changed override the same one with the new override. */
    private static BreakerState next(CircuitBreaker breaker, BreakerState from, CircuitState target, boolean same,
            @Nullable BreakerOverride override, long now) {
        long period = from.period + 1;
        return switch (target) {
            case CLOSED -> new ClosedState(period, SlidingWindow.of(breaker.config()));
            case FORCED_OPEN -> same ? new ForcedOpenState(from.period, ((ForcedOpenState) from).enteredAtMillis,
                    from.counts(now), override) : new ForcedOpenState(period, now, from.counts(now), override);
            default -> same ? new ForcedClosedState(from.period, ((ForcedClosedState) from).window, override)
                    : new ForcedClosedState(period, SlidingWindow.of(breaker.config()), override);
        };
    }

    /** @return the override an action puts in place: a duration from now (capped at 365 days), or none */
    static BreakerOverride override(CircuitBreaker breaker, CircuitState state, @Nullable Duration duration,
            @Nullable String reason, @Nullable String by) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("An override lasts a positive duration, not " + duration);
        }
        Instant at = breaker.clock().instant();
        Instant until = duration == null ? null : Instant.ofEpochMilli(
                Millis.plus(at.toEpochMilli(), Math.min(duration.toMillis(), Validation.LONGEST.toMillis())));
        return new BreakerOverride(state, reason, by, at, until);
    }
}
