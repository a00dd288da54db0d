package dev.breaker.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * A successful call through a CLOSED breaker, each library next to a bare call. The subclasses
 * say on how many threads, all sharing one breaker.
 */
public abstract class ClosedCalls {

    @Benchmark
    public String bare() {
        return Downstream.CALL.get();
    }

    @Benchmark
    public String breaker(Breakers breakers) {
        return breakers.breaker.get(Downstream.CALL);
    }

    @Benchmark
    public String resilience4j(Breakers breakers) {
        return breakers.resilience4j.executeSupplier(Downstream.CALL);
    }

    @Benchmark
    public String resilience4jLockFree(Breakers breakers) {
        return breakers.resilience4jLockFree.executeSupplier(Downstream.CALL);
    }

    @Benchmark
    public Object failsafe(Breakers breakers) {
        return breakers.failsafe.get(Downstream.FAILSAFE_CALL);
    }
}
