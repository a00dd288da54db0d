package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitState;
import dev.failsafe.FailsafeExecutor;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One breaker of each library, tripped OPEN by failed calls (not forced), open for an hour.
 */
@State(Scope.Benchmark)
public class OpenBreakers {

    CircuitBreaker breaker;
    io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    FailsafeExecutor<Object> failsafe;

    @Setup
    public void setUp() {
        breaker = SameConfig.breaker("open");
        resilience4j = SameConfig.resilience4j("open");
        dev.failsafe.CircuitBreaker<Object> failsafeBreaker = SameConfig.failsafe();
        failsafe = SameConfig.failsafeExecutor(failsafeBreaker);
        for (int i = 0; i < SameConfig.WINDOW; i++) {
            swallow(() -> breaker.get(OpenBreakers::fail));
            swallow(() -> resilience4j.executeSupplier(OpenBreakers::fail));
            swallow(() -> failsafe.get(OpenBreakers::fail));
        }
        if (breaker.state() != CircuitState.OPEN
                || resilience4j.getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN
                || !failsafeBreaker.isOpen()) {
            throw new IllegalStateException("a breaker did not trip");
        }
    }

    private static String fail() {
        throw Downstream.FAILURE;
    }

    private static void swallow(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException expected) {
            // a failure until the breaker trips, a rejection after
        }
    }
}
