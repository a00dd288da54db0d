package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * A state an operator forced: FORCED_OPEN or FORCED_CLOSED, until released, or until a timed
 * override runs out; then the breaker returns to CLOSED as after a reset.
 */
abstract sealed class ForcedState extends BreakerState permits ForcedOpenState, ForcedClosedState {

    final @Nullable BreakerOverride override;

    ForcedState(long period, @Nullable BreakerOverride override) {
        super(period);
        this.override = override;
    }

    @Override
    final @Nullable BreakerOverride override() {
        return override;
    }

    /** @return when a timed override ends, or {@link Millis#NONE} */
    final long untilMillis() {
        return override == null || override.until() == null ? Millis.NONE : override.until().toEpochMilli();
    }

    /**
     * The period in force once a timed override has run out, for a call that finds this one:
     * only a tick at or past its end reads the clock, so an untimed override costs no clock read.
     * @return the period after this one, or {@code null} while this one lasts
     */
    final @Nullable BreakerState endedFor(CircuitBreaker breaker) {
        long until = untilMillis();
        if (until == Millis.NONE || breaker.context().clock.tickMillis() < until) {
            return null;
        }
        BreakerState current = breaker.current(breaker.context().clock.millis());
        return current == this ? null : current;
    }

    @Override
    final @Nullable DueTransition dueBy(long now, CircuitBreaker breaker) {
        BreakerOverride timed = override;
        long until = untilMillis();
        if (timed == null || until == Millis.NONE || now < until) {
            return null;
        }
        return new DueTransition(new ClosedState(period + 1, SlidingWindow.of(breaker.config())),
                TransitionReason.OVERRIDE_EXPIRED, "the override ran out (" + timed.describe() + ")", until);
    }

    @Override
    final CircuitState kindAt(long now, CircuitBreaker breaker) {
        long until = untilMillis();
        return until != Millis.NONE && now >= until ? CircuitState.CLOSED : kind();
    }
}
