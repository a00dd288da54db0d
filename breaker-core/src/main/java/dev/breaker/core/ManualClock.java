package dev.breaker.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for deterministic tests of code that uses circuit
 * breakers. Wall-clock and monotonic readings advance together.
 */
public final class ManualClock implements BreakerClock {

    private final AtomicLong nanos = new AtomicLong();
    private final long originMillis;

    /** A clock that starts at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * A clock that starts at the given instant.
     * @param start the first reading
     */
    public ManualClock(Instant start) {
        this.originMillis = start.toEpochMilli();
    }

    @Override
    public long millis() {
        return originMillis + nanos.get() / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /**
     * Moves the clock forward.
     * @param duration how far; must not be negative
     * @return this clock
     */
    public ManualClock advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock cannot go back: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
        return this;
    }

    /**
     * Moves the clock forward by some milliseconds.
     * @param millis how far; must not be negative
     * @return this clock
     */
    public ManualClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
