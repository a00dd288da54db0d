package dev.breaker.benchmarks;

import java.util.concurrent.TimeUnit;
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
public class ClosedCallTwoThreadsBenchmark extends ClosedCalls {
}
