package dev.breaker.core;

import dev.breaker.core.store.StateStore;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * What a registry gives all its breakers, and a standalone breaker's builder gives its one:
 * both build breakers through this, so that a standalone breaker on a shared store shares its
 * state exactly as a registry's breaker does.
 *
 * @param clock the source of time
 * @param listeners the listeners of every breaker
 * @param store where state is shared
 * @param shared keeps the breakers in step with the store
 * @param random the source of jitter
 * @param timeouts runs calls under their call timeout
 * @param retryAfterExtractors read retry hints from failures
 */
record Wiring(BreakerClock clock, Listeners listeners, StateStore store, SharedStateSync shared, DoubleSupplier random,
        CallTimeouts timeouts, List<RetryAfterExtractor> retryAfterExtractors) {

    static Wiring of(BreakerClock clock, Listeners listeners, StateStore store, String instanceId, DoubleSupplier random,
            CallTimeouts timeouts, List<RetryAfterExtractor> retryAfterExtractors) {
        SharedStateSync shared = store.isShared() ? new SharedStateSync(store, instanceId) : SharedStateSync.LOCAL;
        return new Wiring(clock, listeners, store, shared, random, timeouts, List.copyOf(retryAfterExtractors));
    }

    /** Releases the store and the call-timeout executors this wiring made. */
    void close() {
        try {
            store.close();
        }
        finally {
            timeouts.close();
        }
    }
}
