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
     * The wall-clock time as the hot path reads it: never ahead of {@link #millis()}, at most a
     * tick behind it. A CLOSED call and an OPEN rejection read this instead of the clock itself;
     * state reads, transitions they cause and the statistics read {@link #millis()}. The default
     * is {@link #millis()}, exact, as a {@link ManualClock} needs.
     * @return milliseconds since the epoch
     */
    default long tickMillis() {
        return millis();
    }

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

    /**
     * The system clock. Its {@link #tickMillis()} is a field that one daemon thread refreshes
     * every half millisecond, started the first time it is read: reading it costs a plain
     * volatile read instead of a system call, which is most of the cost of a call through a
     * CLOSED breaker.
     */
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

        @Override
        public long tickMillis() {
            return SystemTicker.now;
        }
    }
}
