package dev.breaker.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * The annotation path: a successful call, on one thread, to a bean method that Spring's proxy
 * runs through a CLOSED breaker, {@code @CircuitProtected} against Resilience4j's
 * {@code @CircuitBreaker}; the bare call is the same method on a plain object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class AnnotatedCallBenchmark {

    @Benchmark
    public String bare(SpringContexts.Plain plain) {
        return plain.service.call();
    }

    @Benchmark
    public String breaker(SpringContexts.Ours ours) {
        return ours.service.call();
    }

    @Benchmark
    public String resilience4j(SpringContexts.Resilience4j peer) {
        return peer.service.call();
    }
}
