package dev.breaker.benchmarks;

import dev.breaker.core.CircuitOpenException;
import dev.failsafe.CircuitBreakerOpenException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * A call rejected by an OPEN breaker, caught by the caller. The bare call here is the floor of
 * any rejection: throwing and catching an exception made once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class OpenRejectionBenchmark {

    @Benchmark
    public Object bare() {
        try {
            throw Downstream.FAILURE;
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }

    @Benchmark
    public Object breaker(OpenBreakers breakers) {
        try {
            return breakers.breaker.get(Downstream.CALL);
        }
        catch (CircuitOpenException ex) {
            return ex;
        }
    }

    @Benchmark
    public Object resilience4j(OpenBreakers breakers) {
        try {
            return breakers.resilience4j.executeSupplier(Downstream.CALL);
        }
        catch (CallNotPermittedException ex) {
            return ex;
        }
    }

    @Benchmark
    public Object failsafe(OpenBreakers breakers) {
        try {
            return breakers.failsafe.get(Downstream.FAILSAFE_CALL);
        }
        catch (CircuitBreakerOpenException ex) {
            return ex;
        }
    }
}
