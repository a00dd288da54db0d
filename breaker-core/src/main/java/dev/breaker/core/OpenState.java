package dev.breaker.core;

import java.time.Instant;
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
        long openUntil = Math.max(backedOff(breaker, now, failedRecoveries), breaker.retryHintUntil(now));
        return new OpenState(period, now, openUntil, failedRecoveries, tripped);
    }

    /**
     * Opens the breaker from a CLOSED or HALF_OPEN period, as {@link #opening} does; when a retry
     * hint rather than the backoff sets the end, the reason is {@link TransitionReason#RETRY_AFTER}.
     */
    static void enter(CircuitBreaker breaker, BreakerState from, long now, int failedRecoveries, WindowCounts tripped,
            TransitionReason reason, String detail) {
        long backedOff = backedOff(breaker, now, failedRecoveries);
        long hinted = breaker.retryHintUntil(now);
        if (hinted >= backedOff) {
            breaker.transition(from, new OpenState(from.period + 1, now, hinted, failedRecoveries, tripped),
                    TransitionReason.RETRY_AFTER, detail + "; the downstream asked callers to wait until "
                            + Instant.ofEpochMilli(hinted), now);
        }
        else {
            breaker.transition(from, new OpenState(from.period + 1, now, backedOff, failedRecoveries, tripped), reason,
                    detail, now);
        }
    }

    private static long backedOff(CircuitBreaker breaker, long now, int failedRecoveries) {
        return Millis.plus(now, breaker.context().openWaitMillis(failedRecoveries));
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
