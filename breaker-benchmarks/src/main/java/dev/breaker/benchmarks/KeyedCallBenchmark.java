package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * A keyed call: find the breaker of one of 1,000,000 keys, then call through it. {@code bare}
 * and {@code breakerLookup} only find (a map's value, a keyed child), so that the two compare the
 * same work; the other rows find and call. Resilience4j's million breakers need several gigabytes
 * of heap, hence the larger heap for every fork here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(jvmArgsAppend = "-Xmx8g")
public class KeyedCallBenchmark {

    @Benchmark
    public @Nullable String bare(KeyedBreakers.Bare bare, Keys.Cursor cursor) {
        return bare.map.get(bare.keys[cursor.next()]);
    }

    @Benchmark
    public CircuitBreaker breakerLookup(KeyedBreakers.Ours ours, Keys.Cursor cursor) {
        return ours.registry.breaker(KeyedBreakers.NAME).child(ours.keys[cursor.next()]);
    }

    @Benchmark
    public String breaker(KeyedBreakers.Ours ours, Keys.Cursor cursor) {
        return ours.registry.breaker(KeyedBreakers.NAME).child(ours.keys[cursor.next()]).get(Downstream.CALL);
    }

    @Benchmark
    public String resilience4j(KeyedBreakers.Resilience4j peer, Keys.Cursor cursor) {
        return peer.registry.circuitBreaker(peer.keys[cursor.next()]).executeSupplier(Downstream.CALL);
    }

    @Benchmark
    public Object failsafe(KeyedBreakers.Failsafe peer, Keys.Cursor cursor) {
        return peer.get(peer.keys[cursor.next()]).get(Downstream.FAILSAFE_CALL);
    }
}
