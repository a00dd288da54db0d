package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/** How a timed override ends: at its end the breaker returns to CLOSED, as after a reset. */
final class Overrides {

    private Overrides() {
    }

    static long untilMillis(@Nullable BreakerOverride override) {
        return override == null || override.until() == null ? Millis.NONE : override.until().toEpochMilli();
    }

    static BreakerState.@Nullable DueTransition expiry(BreakerState forced, @Nullable BreakerOverride override, long now,
            CircuitBreaker breaker) {
        long until = untilMillis(override);
        if (until == Millis.NONE || now < until) {
            return null;
        }
        return new BreakerState.DueTransition(new ClosedState(forced.period + 1, SlidingWindow.of(breaker.config())),
                TransitionReason.OVERRIDE_EXPIRED, "the override ran out (" + override.describe() + ")", until);
    }

    static CircuitState kindAt(BreakerState forced, @Nullable BreakerOverride override, long now) {
        long until = untilMillis(override);
        return until != Millis.NONE && now >= until ? CircuitState.CLOSED : forced.kind();
    }
}
