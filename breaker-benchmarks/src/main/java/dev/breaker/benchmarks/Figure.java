package dev.breaker.benchmarks;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's figures: the time per call with its error (the half-width of JMH's 99.9%
 * confidence interval, NaN with too few samples), the time of its best measured iteration, and
 * the bytes allocated per call. On a shared machine an iteration during which another process
 * took the core reads slow; the best iteration is the one least disturbed.
 */
record Figure(String scenario, String subject, int threads, double nanos, double error, double best, double bytes) {

    static Figure of(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        Result<?> primary = run.getPrimaryResult();
        Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
        double best = Double.NaN;
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                double score = iteration.getPrimaryResult().getScore();
                best = Double.isNaN(best) ? score : Math.min(best, score);
            }
        }
        return of(benchmark, run.getParams().getThreads(), primary.getScore(), primary.getScoreError(), best,
                allocation == null ? Double.NaN : allocation.getScore());
    }

    static Figure of(String benchmark, int threads, double nanos, double error, double best, double bytes) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String scenario = type.substring(type.lastIndexOf('.') + 1).replace("Benchmark", "");
        return new Figure(scenario, method, threads, nanos, error, best, bytes);
    }

    /** @return calls per second of all threads together, in millions */
    double millionsPerSecond() {
        return threads * 1000.0 / nanos;
    }

    /** @return the same for the best iteration */
    double bestMillionsPerSecond() {
        return threads * 1000.0 / best;
    }
}
