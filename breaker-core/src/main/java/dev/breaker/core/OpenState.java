package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * OPEN: calls are rejected until {@link #openUntilMillis}; from then on the breaker is
 * HALF_OPEN, whichever call or read notices it first. Shows the window that tripped it.
 */
final class OpenState extends BreakerState {

    /** When the breaker entered this state: time spent rejecting calls counts from here. */
    final long enteredAtMillis;
    final long openUntilMillis;
    /** Failed recoveries in a row before this period: the backoff step. */
    final int failedRecoveries;
    final WindowCounts tripped;

    OpenState(long period, long enteredAtMillis, long openUntilMillis, int failedRecoveries, WindowCounts tripped) {
        super(period);
        this.enteredAtMillis = enteredAtMillis;
        this.openUntilMillis = openUntilMillis;
        this.failedRecoveries = failedRecoveries;
        this.tripped = tripped;
    }

    /**
     * An OPEN period starting at {@code now}: the backed-off wait, or until the downstream asked
     * callers to wait when that is later (capped at {@code backoff.max-wait} when it was noted).
     */
    static OpenState opening(CircuitBreaker breaker, long period, long now, int failedRecoveries, WindowCounts tripped) {
        long openUntil = Millis.plus(now, breaker.context().openWaitMillis(failedRecoveries));
        return new OpenState(period, now, Math.max(openUntil, breaker.retryHintUntil(now)), failedRecoveries, tripped);
    }

    /** @return whether a retry hint, not the backoff, set this period's end */
    boolean stretchedBy(CircuitBreaker breaker) {
        return openUntilMillis == breaker.retryHintUntil(enteredAtMillis);
    }

    /** @return the reason and detail of entering this period: the given ones, or the retry hint that stretched it */
    String describe(CircuitBreaker breaker, String detail) {
        return stretchedBy(breaker) ? detail + "; the downstream asked callers to wait until "
                + java.time.Instant.ofEpochMilli(openUntilMillis) : detail;
    }

    @Override
    CircuitState kind() {
        return CircuitState.OPEN;
    }

    @Override
    CircuitState kindAt(long now, CircuitBreaker breaker) {
        return now < openUntilMillis ? CircuitState.OPEN : CircuitState.HALF_OPEN;
    }

    /** Rejects on the clock's tick alone; only a tick at or past the retry time reads the clock itself. */
    @Override
    long admit(CircuitBreaker breaker) {
        if (breaker.context().clock.tickMillis() < openUntilMillis) {
            throw breaker.reject(rejection(breaker));
        }
        BreakerState current = breaker.current(breaker.context().clock.millis());
        if (current == this) {
            throw breaker.reject(rejection(breaker)); // a clock whose tick runs ahead of it
        }
        return current.admit(breaker);
    }

    @Override
    @Nullable DueTransition dueBy(long now, CircuitBreaker breaker) {
        if (now < openUntilMillis) {
            return null;
        }
        return new DueTransition(new HalfOpenState(period + 1, openUntilMillis, failedRecoveries, tripped),
                TransitionReason.WAIT_ELAPSED, "open wait elapsed", openUntilMillis);
    }

    @Override
    long retryAtMillis() {
        return openUntilMillis;
    }

    @Override
    WindowCounts counts(long now) {
        return tripped;
    }

    @Override
    long openMillis(long now) {
        return Math.max(0, Math.min(now, openUntilMillis) - enteredAtMillis);
    }

    @Override
    boolean holdsTraffic(long now, long lastAccess, long idleMillis) {
        return heldUntilIdle(openUntilMillis, now, lastAccess, idleMillis);
    }
}
