package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * FORCED_CLOSED: every call runs and is recorded; nothing trips the breaker until an operator
 * releases it, or until a timed override runs out.
 */
final class ForcedClosedState extends BreakerState {

    final SlidingWindow window;
    final @Nullable BreakerOverride override;

    ForcedClosedState(long period, SlidingWindow window, @Nullable BreakerOverride override) {
        super(period);
        this.window = window;
        this.override = override;
    }

    @Override
    @Nullable BreakerOverride override() {
        return override;
    }

    @Override
    @Nullable DueTransition dueBy(long now, CircuitBreaker breaker) {
        return Overrides.expiry(this, override, now, breaker);
    }

    @Override
    CircuitState kindAt(long now, CircuitBreaker breaker) {
        return Overrides.kindAt(this, override, now);
    }

    @Override
    CircuitState kind() {
        return CircuitState.FORCED_CLOSED;
    }

    @Override
    long admit(CircuitBreaker breaker) {
        return period;
    }

    @Override
    void onOutcome(CircuitBreaker breaker, CallOutcome outcome, boolean failure, boolean slow, long now) {
        if (outcome != CallOutcome.IGNORED) {
            window.record(failure, slow, now);
        }
    }

    @Override
    WindowCounts counts(long now) {
        return window.counts(now);
    }
}
