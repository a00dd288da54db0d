package dev.breaker.core;

/**
 * CLOSED: every call runs and is recorded in a fresh window; a failure-rate, slow-call-rate or
 * consecutive-failures condition trips the breaker to OPEN.
 */
final class ClosedState extends BreakerState {

    final SlidingWindow window;

    /** Until the window first holds {@code minimum-calls}, a success may complete a trip condition. */
    private volatile boolean awaitsMinimumCalls = true;

    ClosedState(long period, SlidingWindow window) {
        super(period);
        this.window = window;
    }

    @Override
    CircuitState kind() {
        return CircuitState.CLOSED;
    }

    @Override
    long admit(CircuitBreaker breaker) {
        return period;
    }

    @Override
    void onOutcome(CircuitBreaker breaker, CallOutcome outcome, boolean failure, boolean slow, long now) {
        if (outcome == CallOutcome.IGNORED) {
            return;
        }
        window.record(failure, slow, now);
        if (failure && breaker.context().config.retryAfterOpensImmediately() && breaker.retryHintUntil(now) != Millis.NONE) {
            trip(breaker, TransitionReason.RETRY_AFTER, "a failure asked callers to wait", now, window.counts(now));
            return;
        }
        // A success can trip too: it may complete minimum-calls with the rate already over a
        // threshold, and in a time window the calls rolling off can raise the rate. Once a count
        // window holds minimum-calls, a success can only lower its rates.
        if (failure || slow || !(window instanceof CountWindow)
                || awaitsMinimumCalls && reachedMinimumCalls(breaker.context().config, now)) {
            tripIfDue(breaker, now);
        }
    }

    private boolean reachedMinimumCalls(CircuitBreakerConfig config, long now) {
        if (window.total(now) < config.minimumCalls()) {
            return false;
        }
        awaitsMinimumCalls = false;
        return true;
    }

    private void tripIfDue(CircuitBreaker breaker, long now) {
        BreakerContext context = breaker.context();
        CircuitBreakerConfig config = context.config;
        int threshold = config.consecutiveFailuresThreshold();
        int consecutive = breaker.consecutiveFailures();
        if (threshold > 0 && consecutive >= threshold) {
            trip(breaker, TransitionReason.CONSECUTIVE_FAILURES, consecutive + " consecutive failures >= " + threshold,
                    now, window.counts(now));
            return;
        }
        int due = window.tripDue(now, config.minimumCalls(), config.failureRateThreshold(),
                context.slowNanos > 0 ? config.slowCallRateThreshold() : Double.NaN);
        if (due == SlidingWindow.NOT_DUE) {
            return;
        }
        WindowCounts counts = window.counts(now);
        if (due == SlidingWindow.FAILURE_RATE_DUE) {
            trip(breaker, TransitionReason.FAILURE_RATE, "failure rate " + percent(counts.failureRate()) + " >= "
                    + percent(config.failureRateThreshold()) + " over " + counts.total() + " calls", now, counts);
        }
        else {
            trip(breaker, TransitionReason.SLOW_CALL_RATE, "slow-call rate " + percent(counts.slowCallRate()) + " >= "
                    + percent(config.slowCallRateThreshold()) + " over " + counts.total() + " calls", now, counts);
        }
    }

    /** Opens the breaker, keeping visible the window reading that the detail describes. */
    private void trip(CircuitBreaker breaker, TransitionReason reason, String detail, long now, WindowCounts tripped) {
        OpenState.enter(breaker, this, now, 0, tripped, reason, detail);
    }

    private static String percent(double fraction) {
        double value = Math.round(fraction * 1000) / 10.0;
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%";
    }

    @Override
    WindowCounts counts(long now) {
        return window.counts(now);
    }
}
