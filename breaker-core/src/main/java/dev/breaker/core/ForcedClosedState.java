package dev.breaker.core;

/** FORCED_CLOSED: every call runs and is recorded; nothing trips the breaker until an operator releases it. */
final class ForcedClosedState extends BreakerState {

    final SlidingWindow window;

    ForcedClosedState(long period, SlidingWindow window) {
        super(period);
        this.window = window;
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
