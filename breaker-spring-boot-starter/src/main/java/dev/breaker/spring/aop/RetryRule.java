package dev.breaker.spring.aop;

import dev.breaker.core.CallOutcome;
import dev.breaker.core.CallTimeoutException;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitOpenException;

/**
 * Which failures a retry tries again, as {@link dev.breaker.core.Retry} decides: failures and
 * timeouts, never a rejection or an {@link Error}, never beyond {@code retry.max-attempts}.
 */
final class RetryRule {

    private RetryRule() {
    }

    static boolean retries(CircuitBreaker breaker) {
        return breaker.config().retry().maxAttempts() > 1;
    }

    static boolean shouldRetry(CircuitBreaker breaker, Throwable error, int attemptsMade) {
        if (attemptsMade >= breaker.config().retry().maxAttempts() || error instanceof CircuitOpenException
                || error instanceof Error) {
            return false;
        }
        return error instanceof CallTimeoutException || breaker.config().classify(error) == CallOutcome.FAILURE;
    }
}
