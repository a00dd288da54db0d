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

    /**
     * One consistent reading: failures and slow calls never exceed the total they are read with,
     * however many writers race, so a rate read while calls pour in is never overstated.
     * @param nowMillis the clock's reading
     * @return the counts
     */
    abstract WindowCounts counts(long nowMillis);

    /** No rate trips the breaker. */
    static final int NOT_DUE = 0;
    /** The failure rate trips the breaker. */
    static final int FAILURE_RATE_DUE = 1;
    /** The slow-call rate trips the breaker. */
    static final int SLOW_CALL_RATE_DUE = 2;

    /**
     * Decides, from one consistent reading and without allocating, whether a rate trips the breaker.
     * @param nowMillis the clock's reading
     * @param minimumCalls the calls the window must hold
     * @param failureThreshold the failure rate that trips
     * @param slowThreshold the slow-call rate that trips; NaN when slow calls are not tracked
     * @return {@link #NOT_DUE}, {@link #FAILURE_RATE_DUE} or {@link #SLOW_CALL_RATE_DUE}
     */
    abstract int tripDue(long nowMillis, int minimumCalls, double failureThreshold, double slowThreshold);

    /** The rates as the statistics show them, so that 7 of 25 meets a threshold of 0.28. */
    static int tripDue(long total, long failures, long slow, int minimumCalls, double failureThreshold,
            double slowThreshold) {
        if (total < minimumCalls || total == 0) {
            return NOT_DUE;
        }
        if ((double) failures / total >= failureThreshold) {
            return FAILURE_RATE_DUE;
        }
        return (double) slow / total >= slowThreshold ? SLOW_CALL_RATE_DUE : NOT_DUE;
    }
}
