package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * FORCED_OPEN: every call is rejected until an operator releases the breaker, or until a timed
 * override runs out; no retry time.
 */
final class ForcedOpenState extends ForcedState {

    /** When the breaker entered this state: time spent rejecting calls counts from here. */
    final long enteredAtMillis;
    final WindowCounts frozen;

    ForcedOpenState(long period, long enteredAtMillis, WindowCounts frozen, @Nullable BreakerOverride override) {
        super(period, override);
        this.enteredAtMillis = enteredAtMillis;
        this.frozen = frozen;
    }

    @Override
    long rejectionUntilMillis() {
        return untilMillis();
    }

    @Override
    CircuitState kind() {
        return CircuitState.FORCED_OPEN;
    }

    @Override
    long admit(CircuitBreaker breaker) {
        BreakerState ended = endedFor(breaker);
        if (ended != null) {
            return ended.admit(breaker);
        }
        throw breaker.reject(rejection(breaker));
    }

    @Override
    WindowCounts counts(long now) {
        return frozen;
    }

    @Override
    long openMillis(long now) {
        return Math.max(0, now - enteredAtMillis);
    }

    @Override
    boolean holdsTraffic(long now, long lastAccess, long idleMillis) {
        return true;
    }
}
