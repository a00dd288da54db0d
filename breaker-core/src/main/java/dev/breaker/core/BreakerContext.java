package dev.breaker.core;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

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
    final List<RetryAfterExtractor> retryAfterExtractors;
    /** {@code slow-call-duration} in nanoseconds; 0 when slow calls are not tracked. */
    final long slowNanos;

    BreakerContext(CircuitBreakerConfig config, Wiring wiring) {
        this.config = config;
        this.clock = wiring.clock();
        this.listeners = wiring.listeners();
        this.shared = wiring.shared();
        this.random = wiring.random();
        this.timeouts = wiring.timeouts();
        this.retryAfterExtractors = wiring.retryAfterExtractors();
        this.slowNanos = config.slowCallDuration() == null ? 0 : config.slowCallDuration().toNanos();
    }

    /** @return the first retry hint an extractor reads from a failure; an extractor that throws is skipped */
    @Nullable Duration retryHint(Throwable failure) {
        for (RetryAfterExtractor extractor : retryAfterExtractors) {
            try {
                Duration hint = extractor.retryAfter(failure);
                if (hint != null) {
                    return hint;
                }
            }
            catch (RuntimeException ex) {
                // a broken extractor never breaks the call; the wait is then the configured one
            }
        }
        return null;
    }

    /** @return the open wait after the given failed recoveries in a row, backed off, capped and jittered */
    long openWaitMillis(int failedRecoveries) {
        return Backoff.openWaitMillis(config, random.getAsDouble(), failedRecoveries);
    }
}
