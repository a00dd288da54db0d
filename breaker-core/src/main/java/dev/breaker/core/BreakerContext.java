package dev.breaker.core;

import dev.breaker.core.store.StateStore;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What the breakers of one configuration share: a named breaker with its keyed children, and
 * in a registry every named breaker of the same configuration. {@link #listeners} are the
 * registry's; a breaker's own listeners live in the breaker.
 */
final class BreakerContext {

    final CircuitBreakerConfig config;
    final BreakerClock clock;
    final Listeners listeners;
    final StateStore store;
    final String instanceId;
    final DoubleSupplier random;
    final Duration timeout;
    final long slowNanos;
    final long halfOpenMaxWaitMillis;

    BreakerContext(CircuitBreakerConfig config, BreakerClock clock, Listeners listeners, StateStore store,
            String instanceId, DoubleSupplier random) {
        this.config = config;
        this.clock = clock;
        this.listeners = listeners;
        this.store = store;
        this.instanceId = instanceId;
        this.random = random;
        this.timeout = config.callTimeout();
        this.slowNanos = config.slowCallDuration() == null ? 0 : config.slowCallDuration().toNanos();
        this.halfOpenMaxWaitMillis = config.halfOpenMaxWait().toMillis();
    }
}
