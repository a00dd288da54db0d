package dev.breaker.core;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One consistent, immutable reading of a circuit breaker: its state, the counts over its
 * current window and its lifetime counts.
 *
 * <p>Lifetime counts survive a reset. {@code calls = successes + failures + ignored};
 * {@code failures} includes {@code timeouts}; rejections are counted apart.
 *
 * @param state the state at the time of reading (an OPEN breaker past its retry time reads HALF_OPEN)
 * @param nextRetryAt when the next trial call is admitted; {@code null} unless OPEN
 * @param retryAfter how long until then; zero unless OPEN
 * @param windowCalls recorded calls in the current window (ignored calls are not recorded)
 * @param windowFailures failures in the current window
 * @param windowSlowCalls slow calls in the current window
 * @param failureRate failures / calls over the window, 0 when it is empty
 * @param slowCallRate slow calls / calls over the window, 0 when it is empty
 * @param healthScore successes / (successes + failures) over the window, 1 when it is empty
 * @param calls lifetime calls that ran
 * @param successes lifetime successes
 * @param failures lifetime failures, timeouts included
 * @param ignored lifetime ignored calls (ignored exceptions and cancellations)
 * @param rejections lifetime rejected calls
 * @param timeouts lifetime calls that ran past the call timeout
 * @param slowCalls lifetime slow calls
 * @param consecutiveFailures failures in a row, up to now
 * @param consecutiveSuccesses successes in a row, up to now
 * @param lastFailureAt when the last failure was recorded, or {@code null}
 * @param lastSuccessAt when the last success was recorded, or {@code null}
 * @param opens how many times the breaker entered OPEN
 * @param successfulRecoveries half-open periods that closed the breaker
 * @param failedRecoveries half-open periods that re-opened it
 * @param timeInOpen total time spent OPEN or FORCED_OPEN, the current period included
 * @param shadowRejections calls a breaker in shadow mode ran although it would have rejected them
 */
public record CircuitBreakerStats(
        CircuitState state,
        @Nullable Instant nextRetryAt,
        Duration retryAfter,
        long windowCalls,
        long windowFailures,
        long windowSlowCalls,
        double failureRate,
        double slowCallRate,
        double healthScore,
        long calls,
        long successes,
        long failures,
        long ignored,
        long rejections,
        long timeouts,
        long slowCalls,
        long consecutiveFailures,
        long consecutiveSuccesses,
        @Nullable Instant lastFailureAt,
        @Nullable Instant lastSuccessAt,
        long opens,
        long successfulRecoveries,
        long failedRecoveries,
        Duration timeInOpen,
        long shadowRejections) {

    /** @return {@link #retryAfter()} in whole seconds, rounded up, as a Retry-After header carries it */
    public long retryAfterSeconds() {
        return (retryAfter.toMillis() + 999) / 1000;
    }

    /** Reads a breaker in one period, at one time. */
    static CircuitBreakerStats of(CircuitBreaker breaker, BreakerState state, long now) {
        WindowCounts window = state.counts(now);
        RareCounters r = breaker.rareOrNone();
        long successes = breaker.successes();
        long failures = r.get(RareCounters.FAILURES);
        long ignored = r.get(RareCounters.IGNORED);
        long retryAt = state.retryAtMillis();
        return new CircuitBreakerStats(state.kind(), CircuitBreaker.instant(retryAt), CircuitBreaker.until(retryAt, now),
                window.total(), window.failures(), window.slow(),
                window.failureRate(), window.slowCallRate(), window.healthScore(),
                successes + failures + ignored, successes, failures, ignored,
                r.get(RareCounters.REJECTIONS), r.get(RareCounters.TIMEOUTS), r.get(RareCounters.SLOW_CALLS),
                breaker.consecutiveFailures(), breaker.consecutiveSuccesses(),
                CircuitBreaker.instant(r.get(RareCounters.LAST_FAILURE_AT)), CircuitBreaker.instant(breaker.lastSuccessAt()),
                r.get(RareCounters.OPENS), r.get(RareCounters.SUCCESSFUL_RECOVERIES), r.get(RareCounters.FAILED_RECOVERIES),
                Duration.ofMillis(r.get(RareCounters.TIME_IN_OPEN) + state.openMillis(now)),
                r.get(RareCounters.SHADOW_REJECTIONS));
    }
}
