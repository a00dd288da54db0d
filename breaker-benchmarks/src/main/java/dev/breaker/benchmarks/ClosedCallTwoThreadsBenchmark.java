package dev.breaker.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * A successful call through a CLOSED breaker, on two threads sharing one breaker. The time is
 * per call and per thread; the throughput of the pair is two calls per that time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
public class ClosedCallTwoThreadsBenchmark {

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
