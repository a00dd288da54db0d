package dev.breaker.core;

import java.util.function.DoubleSupplier;

/**
 * What the breakers of one configuration share: a named breaker with its keyed children, and
 * in a registry every named breaker of the same configuration. {@link #listeners} are the
 * registry's (or a standalone breaker's builder's); a breaker's own listeners live in the breaker.
 */
final class BreakerContext {

    final CircuitBreakerConfig config;
    final BreakerClock clock;
    final Listeners listeners;
    final SharedStateSync shared;
    final DoubleSupplier random;
    final CallTimeouts timeouts;
    /** {@code slow-call-duration} in nanoseconds; 0 when slow calls are not tracked. */
    final long slowNanos;

    BreakerContext(CircuitBreakerConfig config, Wiring wiring) {
        this.config = config;
        this.clock = wiring.clock();
        this.listeners = wiring.listeners();
        this.shared = wiring.shared();
        this.random = wiring.random();
        this.timeouts = wiring.timeouts();
        this.slowNanos = config.slowCallDuration() == null ? 0 : config.slowCallDuration().toNanos();
    }

    /** @return the open wait after the given failed recoveries in a row, backed off, capped and jittered */
    long openWaitMillis(int failedRecoveries) {
        return Backoff.openWaitMillis(config, random.getAsDouble(), failedRecoveries);
    }
}
