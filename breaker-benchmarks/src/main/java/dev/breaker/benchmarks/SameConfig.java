package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.Map;

/**
 * One configuration, written once for each library: a count window of the last 100 calls,
 * tripping at a 50% failure rate once 10 calls are in it, an hour open (so that an OPEN breaker
 * stays OPEN for the whole measurement), and 3 half-open trial calls of which 2 must succeed.
 * Failsafe has no minimum number of calls for a count window; it trips at 50 failures among the
 * last 100 executions, which is the same rate.
 */
final class SameConfig {

    static final int WINDOW = 100;
    static final int MINIMUM_CALLS = 10;
    static final Duration OPEN_WAIT = Duration.ofHours(1);

    private SameConfig() {
    }

    static CircuitBreakerConfig breaker(int maxKeys) {
        return CircuitBreakerConfig.builder()
            .countWindow(WINDOW)
            .failureRateThreshold(0.5)
            .minimumCalls(MINIMUM_CALLS)
            .waitInOpen(OPEN_WAIT)
            .halfOpenPermittedCalls(3)
            .halfOpenSuccessThreshold(2)
            .maxKeys(maxKeys)
            .build();
    }

    static CircuitBreaker breaker(String name) {
        return CircuitBreaker.of(name, breaker(10_000));
    }

    static CircuitBreakerRegistry registry(int maxKeys) {
        return CircuitBreakerRegistry.builder().defaults(breaker(maxKeys)).build();
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreakerConfig resilience4j(
            SlidingWindowSynchronizationStrategy strategy) {
        return io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .slidingWindow(WINDOW, MINIMUM_CALLS, SlidingWindowType.COUNT_BASED, strategy)
            .failureRateThreshold(50)
            .waitDurationInOpenState(OPEN_WAIT)
            .permittedNumberOfCallsInHalfOpenState(3)
            .build();
    }

    /** Resilience4j as it ships: a synchronized sliding window, stack traces on rejections. */
    static io.github.resilience4j.circuitbreaker.CircuitBreakerConfig resilience4j() {
        return resilience4j(SlidingWindowSynchronizationStrategy.SYNCHRONIZED);
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j(String name) {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of(name, resilience4j());
    }

    static dev.failsafe.CircuitBreaker<Object> failsafe() {
        return dev.failsafe.CircuitBreaker.builder()
            .withFailureThreshold(WINDOW / 2, WINDOW)
            .withDelay(OPEN_WAIT)
            .withSuccessThreshold(2, 3)
            .build();
    }

    /**
     * The same configuration as Spring Boot properties of this library's starter.
     * @param name the breaker's name under {@code breaker.instances}
     * @return property names and values
     */
    static Map<String, Object> breakerProperties(String name) {
        String prefix = "breaker.instances." + name + ".";
        return Map.of(prefix + "sliding-window.type", "count",
                prefix + "sliding-window.size", WINDOW,
                prefix + "failure-rate-threshold", 0.5,
                prefix + "minimum-calls", MINIMUM_CALLS,
                prefix + "wait-in-open", OPEN_WAIT.toString(),
                prefix + "half-open.permitted-calls", 3,
                prefix + "half-open.success-threshold", 2);
    }

    /**
     * The same configuration as Spring Boot properties of Resilience4j's starter.
     * @param name the breaker's name under {@code resilience4j.circuitbreaker.instances}
     * @return property names and values
     */
    static Map<String, Object> resilience4jProperties(String name) {
        String prefix = "resilience4j.circuitbreaker.instances." + name + ".";
        return Map.of(prefix + "sliding-window-type", "COUNT_BASED",
                prefix + "sliding-window-size", WINDOW,
                prefix + "minimum-number-of-calls", MINIMUM_CALLS,
                prefix + "failure-rate-threshold", 50,
                prefix + "wait-duration-in-open-state", OPEN_WAIT.toString(),
                prefix + "permitted-number-of-calls-in-half-open-state", 3);
    }

    /** Failsafe's executor is built once and reused, as an application would. */
    static FailsafeExecutor<Object> failsafeExecutor(dev.failsafe.CircuitBreaker<Object> breaker) {
        return Failsafe.with(breaker);
    }
}
