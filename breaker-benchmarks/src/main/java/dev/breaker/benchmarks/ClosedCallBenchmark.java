package dev.breaker.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A successful call through a CLOSED breaker, each library next to a bare call. All threads of a
 * run share one breaker. The thread count is not fixed here: {@link BenchmarkReport} runs this
 * benchmark once for each of {@link BenchmarkReport#THREADS}, and JMH's own {@code -t} option
 * picks it for a single run. The time is per call and per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClosedCallBenchmark {

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
