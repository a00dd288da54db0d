package dev.breaker.core;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Thrown instead of running a call that a circuit breaker rejects: it is OPEN, FORCED_OPEN,
 * or HALF_OPEN with every trial permit taken.
 *
 * <p>The exception is cheap: it has no stack trace and cannot carry suppressed exceptions, so
 * a breaker may throw the same instance for every rejection while it stays in one state.
 * {@link #getRetryAfter()} and {@link #getMessage()} are therefore computed when read, from the
 * breaker's clock.
 */
public class CircuitOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String breakerName;
    private final @Nullable String key;
    private final CircuitState state;
    private final long nextRetryAtMillis;
    private final transient BreakerClock clock;
    private final @Nullable String detail;

    /**
     * Creates the exception.
     * @param breakerName the breaker that rejected the call
     * @param key the keyed child's key, or {@code null} for an unkeyed breaker
     * @param state the state that rejected the call
     * @param nextRetryAtMillis epoch milliseconds of the next trial call, or a negative value
     *        when there is none (FORCED_OPEN)
     * @param clock the clock the retry-after duration is measured with
     */
    public CircuitOpenException(String breakerName, @Nullable String key, CircuitState state, long nextRetryAtMillis,
            BreakerClock clock) {
        this(breakerName, key, state, nextRetryAtMillis, clock, null);
    }

    /**
     * Creates the exception with a custom explanation in place of the retry time.
     * @param breakerName the breaker that rejected the call
     * @param key the keyed child's key, or {@code null}
     * @param state the state that rejected the call
     * @param nextRetryAtMillis epoch milliseconds of the next trial call, or negative for none
     * @param clock the clock the retry-after duration is measured with
     * @param detail what the message says after the state, or {@code null} for the default
     */
    public CircuitOpenException(String breakerName, @Nullable String key, CircuitState state, long nextRetryAtMillis,
            BreakerClock clock, @Nullable String detail) {
        super(null, null, false, false);
        this.breakerName = breakerName;
        this.key = key;
        this.state = state;
        this.nextRetryAtMillis = nextRetryAtMillis;
        this.clock = clock;
        this.detail = detail;
    }

    /** @return the name of the breaker that rejected the call */
    public String getBreakerName() {
        return breakerName;
    }

    /** @return the key of the keyed child that rejected the call, or {@code null} for an unkeyed breaker */
    public @Nullable String getKey() {
        return key;
    }

    /** @return the state that rejected the call */
    public CircuitState getState() {
        return state;
    }

    /**
     * @return when the breaker admits its next trial call, or {@code null} when it has no retry
     *         time: FORCED_OPEN does not retry, it ends (see {@link #getRetryAfter()})
     */
    public @Nullable Instant getNextRetryAt() {
        return nextRetryAtMillis < 0 || state == CircuitState.FORCED_OPEN ? null : Instant.ofEpochMilli(nextRetryAtMillis);
    }

    /**
     * @return how long until the next trial call, or until an operator's timed FORCED_OPEN ends;
     *         never negative, zero when there is no such time
     */
    public Duration getRetryAfter() {
        if (nextRetryAtMillis < 0 || clock == null) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(0, nextRetryAtMillis - clock.millis()));
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder("Circuit breaker '").append(breakerName).append('\'');
        if (key != null) {
            message.append(" (key '").append(key).append("')");
        }
        message.append(" is ").append(state).append("; ");
        if (detail != null) {
            message.append(detail);
        }
        else if (nextRetryAtMillis < 0) {
            message.append("calls are rejected until an operator resets it");
        }
        else if (state == CircuitState.FORCED_OPEN) {
            long seconds = (getRetryAfter().toMillis() + 999) / 1000;
            message.append("calls are rejected until an operator's override ends at ")
                .append(Instant.ofEpochMilli(nextRetryAtMillis)).append(" (in ").append(seconds).append("s)");
        }
        else {
            long seconds = (getRetryAfter().toMillis() + 999) / 1000;
            message.append("calls are rejected until ").append(getNextRetryAt())
                .append(" (retry in ").append(seconds).append("s)");
        }
        return message.toString();
    }
}
