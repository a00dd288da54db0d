package dev.breaker.benchmarks;

import dev.breaker.core.CircuitState;
import dev.failsafe.function.CheckedSupplier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Calls of which one in ten fails, through a breaker that stays CLOSED (10% is well under the
 * 50% threshold). The failure is caught by the caller.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class FailureMixBenchmark {

    /** The downstream of one thread, failing every tenth call. */
    @State(Scope.Thread)
    public static class Flaky {

        final Downstream downstream = new Downstream();
        final Supplier<String> call = downstream::failEveryTenth;
        final CheckedSupplier<Object> failsafeCall = downstream::failEveryTenth;
    }

    /** The breakers, checked to be still CLOSED when the measurement ends. */
    @State(Scope.Benchmark)
    public static class MixBreakers extends Breakers {

        @TearDown(Level.Trial)
        public void checkStillClosed() {
            if (breaker.state() != CircuitState.CLOSED
                    || resilience4j.getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED
                    || !failsafeBreaker.isClosed()) {
                throw new IllegalStateException("a breaker left CLOSED on 10% failures");
            }
        }
    }

    @Benchmark
    public Object bare(Flaky flaky) {
        try {
            return flaky.downstream.failEveryTenth();
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }

    @Benchmark
    public Object breaker(MixBreakers breakers, Flaky flaky) {
        try {
            return breakers.breaker.get(flaky.call);
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }

    @Benchmark
    public Object resilience4j(MixBreakers breakers, Flaky flaky) {
        try {
            return breakers.resilience4j.executeSupplier(flaky.call);
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }

    @Benchmark
    public Object failsafe(MixBreakers breakers, Flaky flaky) {
        try {
            return breakers.failsafe.get(flaky.failsafeCall);
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }
}
