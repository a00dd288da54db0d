package dev.breaker.spring.aop;

import dev.breaker.core.CircuitOpenException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryPredicate;

/**
 * Spring Framework's {@link Retryable} on a protected method: its retry interceptor runs
 * outside the breaker, so each attempt is one call through it, and it must not retry what the
 * breaker rejected, which would only be rejected again. A {@code @Retryable} that would
 * retry a {@link CircuitOpenException} stops the application at startup.
 */
final class RetryableRule {

    private RetryableRule() {
    }

    static void check(Method method, Class<?> targetClass, @Nullable String beanName) {
        Retryable retryable = AnnotatedElementUtils.findMergedAnnotation(method, Retryable.class);
        if (retryable == null) {
            retryable = AnnotatedElementUtils.findMergedAnnotation(targetClass, Retryable.class);
        }
        if (retryable != null && retriesRejections(retryable)) {
            throw new InvalidCircuitProtectedException(beanName, method,
                    "its @Retryable would retry the calls its breaker rejects, each one rejected again",
                    "Add excludes = CircuitOpenException.class to @Retryable, so that an open breaker ends the retries.");
        }
    }

    /** A custom predicate decides for itself; otherwise the include and exclude lists say. */
    private static boolean retriesRejections(Retryable retryable) {
        if (retryable.predicate() != MethodRetryPredicate.class) {
            return false;
        }
        for (Class<?> excluded : retryable.excludes()) {
            if (excluded.isAssignableFrom(CircuitOpenException.class)) {
                return false;
            }
        }
        if (retryable.includes().length == 0) {
            return true;
        }
        for (Class<?> included : retryable.includes()) {
            if (included.isAssignableFrom(CircuitOpenException.class)) {
                return true;
            }
        }
        return false;
    }
}
