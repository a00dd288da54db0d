package dev.breaker.core;

/** FORCED_CLOSED: every call runs and is recorded; nothing trips the breaker. */
final class ForcedClosedState extends BreakerState {

    final SlidingWindow window;

    ForcedClosedState(long generation, SlidingWindow window) {
        super(generation);
        this.window = window;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return window.counts(nowMillis);
    }
}
