package dev.breaker.core;

import java.time.Instant;

/**
 * The source of time for circuit breakers: wall-clock milliseconds for open-until and
 * last-call times, and a monotonic nanosecond reading for call durations.
 *
 * <p>Inject a {@link ManualClock} in tests to advance time instead of sleeping.
 */
public interface BreakerClock {

    /**
     * The current wall-clock time.
     * @return milliseconds since the epoch
     */
    long millis();

    /**
     * A monotonic reading for measuring durations.
     * @return nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * The current wall-clock time as an instant.
     * @return the current instant
     */
    default Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /**
     * The system clock.
     * @return a clock backed by {@link System#currentTimeMillis()} and {@link System#nanoTime()}
     */
    static BreakerClock system() {
        return SystemClock.INSTANCE;
    }

    /** The system clock. */
    enum SystemClock implements BreakerClock {
        /** The only instance. */
        INSTANCE;

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    }
}
