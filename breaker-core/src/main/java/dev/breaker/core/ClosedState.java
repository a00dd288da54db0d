package dev.breaker.core;

/** CLOSED: every call runs and is recorded in a fresh window. */
final class ClosedState extends BreakerState {

    final SlidingWindow window;

    /** Until the window first holds {@code minimum-calls}, a success may complete a trip condition. */
    volatile boolean awaitsMinimumCalls = true;

    ClosedState(long generation, SlidingWindow window) {
        super(generation);
        this.window = window;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return window.counts(nowMillis);
    }
}
