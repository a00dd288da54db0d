package dev.breaker.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads a retry hint from a failure, such as the {@code Retry-After} of an HTTP 429 or 503: the
 * open wait that follows the failure is then at least that long (capped at
 * {@code backoff.max-wait}), and with {@code retry-after.open-immediately} the failure opens the
 * breaker at once. Called only for failures; it must be cheap and must not throw.
 */
@FunctionalInterface
public interface RetryAfterExtractor {

    /**
     * @param failure what the call failed with
     * @return how long the downstream asked callers to wait, or {@code null} when it did not say
     */
    @Nullable Duration retryAfter(Throwable failure);
}
