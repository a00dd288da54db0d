package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;

/**
 * Which failures a retry tries again: the one rule of {@link dev.breaker.core.CircuitBreakerConfig#isRetryable}, as {@link dev.breaker.core.Retry} applies it: failures and
 * timeouts, never a rejection or an {@link Error}, never beyond {@code retry.max-attempts}.
 */
final class RetryRule {

    private RetryRule() {
    }

    static boolean retries(CircuitBreaker breaker) {
        return breaker.config().retry().maxAttempts() > 1;
    }

    static boolean shouldRetry(CircuitBreaker breaker, Throwable error, int attemptsMade) {
        return attemptsMade < breaker.config().retry().maxAttempts() && breaker.config().isRetryable(error);
    }
}
