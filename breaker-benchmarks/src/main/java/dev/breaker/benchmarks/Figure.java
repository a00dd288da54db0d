package dev.breaker.benchmarks;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's figures: the time per call with its error (the half-width of JMH's 99.9%
 * confidence interval, NaN with too few samples) and the bytes allocated per call.
 */
record Figure(String scenario, String subject, int threads, double nanos, double error, double bytes) {

    static Figure of(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String scenario = type.substring(type.lastIndexOf('.') + 1).replace("Benchmark", "");
        Result<?> primary = run.getPrimaryResult();
        Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Figure(scenario, method, run.getParams().getThreads(), primary.getScore(), primary.getScoreError(),
                allocation == null ? Double.NaN : allocation.getScore());
    }

    /** @return calls per second of all threads together, in millions */
    double millionsPerSecond() {
        return threads * 1000.0 / nanos;
    }
}
