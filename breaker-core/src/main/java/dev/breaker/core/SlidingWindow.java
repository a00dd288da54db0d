package dev.breaker.core;

/**
 * The recent calls of a CLOSED (or FORCED_CLOSED) breaker. Implementations are lock-free and
 * exact under concurrency: every recorded call is counted once, and the counts always match
 * what the window holds.
 */
abstract sealed class SlidingWindow permits CountWindow, TimeWindow {

    static SlidingWindow of(CircuitBreakerConfig config) {
        return config.slidingWindowType() == SlidingWindowType.COUNT
                ? new CountWindow(config.slidingWindowSize())
                : new TimeWindow(config.slidingWindowDuration().toMillis());
    }

    /**
     * Records one call.
     * @param failure whether it failed
     * @param slow whether it was slow
     * @param nowMillis the clock's reading
     */
    abstract void record(boolean failure, boolean slow, long nowMillis);

    /** @return the recorded calls in the window at the given time */
    abstract long total(long nowMillis);

    /** @return the failures in the window at the given time */
    abstract long failures(long nowMillis);

    /** @return the slow calls in the window at the given time */
    abstract long slowCalls(long nowMillis);

    WindowCounts counts(long nowMillis) {
        long total = total(nowMillis);
        return new WindowCounts(total, Math.min(total, failures(nowMillis)), Math.min(total, slowCalls(nowMillis)));
    }
}
