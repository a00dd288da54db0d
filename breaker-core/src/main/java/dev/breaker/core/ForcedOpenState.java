package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * FORCED_OPEN: every call is rejected until an operator releases the breaker, or until a timed
 * override runs out; no retry time.
 */
final class ForcedOpenState extends BreakerState {

    /** When the breaker entered this state: time spent rejecting calls counts from here. */
    final long enteredAtMillis;
    final WindowCounts frozen;
    final @Nullable BreakerOverride override;

    ForcedOpenState(long period, long enteredAtMillis, WindowCounts frozen, @Nullable BreakerOverride override) {
        super(period);
        this.enteredAtMillis = enteredAtMillis;
        this.frozen = frozen;
        this.override = override;
    }

    @Override
    @Nullable BreakerOverride override() {
        return override;
    }

    @Override
    long rejectionUntilMillis() {
        return Overrides.untilMillis(override);
    }

    @Override
    @Nullable DueTransition dueBy(long now, CircuitBreaker breaker) {
        return Overrides.expiry(this, override, now, breaker);
    }

    @Override
    CircuitState kindAt(long now, CircuitBreaker breaker) {
        return Overrides.kindAt(this, override, now);
    }

    @Override
    CircuitState kind() {
        return CircuitState.FORCED_OPEN;
    }

    @Override
    long admit(CircuitBreaker breaker) {
        BreakerState current = breaker.current(breaker.context().clock.millis());
        if (current != this) {
            return current.admit(breaker); // a timed override that has run out
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
