package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreaker;
import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One breaker of each library, CLOSED, shared by every thread of a benchmark. Resilience4j is
 * there twice: as it ships (a synchronized window) and with its lock-free window.
 */
@State(Scope.Benchmark)
public class Breakers {

    CircuitBreaker breaker;
    io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jLockFree;
    dev.failsafe.CircuitBreaker<Object> failsafeBreaker;
    FailsafeExecutor<Object> failsafe;

    @Setup
    public void setUp() {
        breaker = SameConfig.breaker("closed");
        resilience4j = SameConfig.resilience4j("closed");
        resilience4jLockFree = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("closed",
                SameConfig.resilience4j(SlidingWindowSynchronizationStrategy.LOCK_FREE));
        failsafeBreaker = SameConfig.failsafe();
        failsafe = SameConfig.failsafeExecutor(failsafeBreaker);
    }
}
