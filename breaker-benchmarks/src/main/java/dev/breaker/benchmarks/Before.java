package dev.breaker.benchmarks;

/**
 * The figures published before the engine was reshaped for many cores (the full run of
 * 2026-11-23 on a 2-core machine, load average about 3), so that the report can show them beside
 * the current ones.
 */
final class Before {

    static final String DATE = "2026-11-23";
    static final double CLOSED_CALL_NANOS = 31.5;
    static final double CLOSED_CALL_TWO_THREADS_MILLIONS = 19.1;
    static final double OPEN_REJECTION_NANOS = 29.0;
    static final double HEAP_STANDALONE_BYTES = 288;
    static final double HEAP_REGISTRY_BYTES = 251;
    static final double KEYED_CALL_NANOS = 1049.1;

    private Before() {
    }
}
