package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * FORCED_CLOSED: every call runs and is recorded; nothing trips the breaker until an operator
 * releases it, or until a timed override runs out.
 */
final class ForcedClosedState extends ForcedState {

    final SlidingWindow window;

    ForcedClosedState(long period, SlidingWindow window, @Nullable BreakerOverride override) {
        super(period, override);
        this.window = window;
    }

    @Override
    CircuitState kind() {
        return CircuitState.FORCED_CLOSED;
    }

    @Override
    long admit(CircuitBreaker breaker) {
        BreakerState ended = endedFor(breaker);
        return ended != null ? ended.admit(breaker) : period;
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
