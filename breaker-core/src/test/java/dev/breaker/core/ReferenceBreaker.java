package dev.breaker.core;

import dev.breaker.core.ModelOp.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plain, single-threaded reference model of a circuit breaker, written straight from the
 * semantics of the design: a list of recorded outcomes, simple fields, no cleverness. Model-based
 * tests run the same steps through it and through {@link CircuitBreaker} and compare.
 */
final class ReferenceBreaker {

    /** One recorded outcome in the window. */
    record Recorded(long at, boolean failure, boolean slow) {
    }

    /** A call admitted by the model: the period that admitted it. */
    record Admitted(int period, long startedAt) {
    }

    private final CircuitBreakerConfig config;
    private final Random jitter;

    long now;
    CircuitState state = CircuitState.CLOSED;
    /** Numbers the periods: every transition starts a new one, and so does a reset of a CLOSED breaker. */
    int period;
    long enteredAt;
    /** The calls recorded while CLOSED or FORCED_CLOSED, oldest first. */
    final List<Recorded> window = new ArrayList<>();
    /** The window counts shown while OPEN, HALF_OPEN or FORCED_OPEN: total, failures, slow. */
    long[] frozen;
    long openUntil;
    int failedRecoveriesInARow;
    int trialsInFlight;
    int trialSuccesses;
    Long firstTrialAt;

    long successes;
    long failures;
    long ignored;
    long rejections;
    long timeouts;
    long slowCalls;
    long consecutiveFailures;
    long consecutiveSuccesses;
    Long lastFailureAt;
    Long lastSuccessAt;
    long opens;
    long successfulRecoveries;
    long failedRecoveries;
    long timeInOpen;
    /** Transitions as "FROM->TO@millis retry=millis". */
    final List<String> transitions = new ArrayList<>();

    ReferenceBreaker(CircuitBreakerConfig config, long now, Random jitter) {
        this.config = config;
        this.now = now;
        this.enteredAt = now;
        this.jitter = jitter;
    }

    // ---------------------------------------------------------------- time

    /** Makes the transitions that time alone decides, each at the moment it happens. */
    void settle() {
        while (true) {
            if (state == CircuitState.OPEN && now >= openUntil) {
                timeInOpen += openUntil - enteredAt;
                enterHalfOpen(openUntil);
            }
            else if (state == CircuitState.HALF_OPEN && firstTrialAt != null
                    && now >= firstTrialAt + config.halfOpenMaxWait().toMillis()) {
                reopen(firstTrialAt + config.halfOpenMaxWait().toMillis());
            }
            else {
                return;
            }
        }
    }

    void advance(long millis) {
        now += millis;
        settle();
    }

    // ---------------------------------------------------------------- calls

    /** @return the admitted call, or {@code null} when rejected */
    Admitted acquire() {
        settle();
        if (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) {
            rejections++;
            return null;
        }
        if (state == CircuitState.HALF_OPEN) {
            if (trialsInFlight >= config.halfOpenPermittedCalls()) {
                rejections++;
                return null;
            }
            trialsInFlight++;
            if (firstTrialAt == null) {
                firstTrialAt = now;
            }
        }
        return new Admitted(period, now);
    }

    /** What the configuration makes of a way of ending. */
    CallOutcome classify(Outcome outcome) {
        boolean recordAll = config.recordExceptions().isEmpty();
        return switch (outcome) {
            case SUCCESS -> CallOutcome.SUCCESS;
            case TIMEOUT -> CallOutcome.TIMEOUT;
            case CANCELLED -> CallOutcome.IGNORED;
            case ERROR -> CallOutcome.FAILURE;
            case FAILURE -> CallOutcome.FAILURE;
            case IGNORED -> {
                if (config.ignoreExceptions().contains(ModelOp.ModelIgnored.class)) {
                    yield CallOutcome.IGNORED;
                }
                yield recordAll || config.recordExceptions().contains(ModelOp.ModelIgnored.class)
                        ? CallOutcome.FAILURE : CallOutcome.SUCCESS;
            }
            case OTHER -> recordAll ? CallOutcome.FAILURE : CallOutcome.SUCCESS;
        };
    }

    void finish(Admitted call, Outcome how, long durationNanos) {
        settle();
        CallOutcome outcome = classify(how);
        boolean failure = outcome == CallOutcome.FAILURE || outcome == CallOutcome.TIMEOUT;
        boolean success = outcome == CallOutcome.SUCCESS;
        boolean slow = config.slowCallDuration() != null && durationNanos > config.slowCallDuration().toNanos();
        if (failure) {
            failures++;
            lastFailureAt = now;
        }
        else if (success) {
            successes++;
            lastSuccessAt = now;
        }
        else {
            ignored++;
        }
        if (outcome == CallOutcome.TIMEOUT) {
            timeouts++;
        }
        if (slow) {
            slowCalls++;
        }
        if (call.period() != period) {
            return; // a late outcome: it counts in the statistics but changes no state
        }
        if (failure) {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
        }
        else if (success) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
        }
        if (state == CircuitState.CLOSED && !ignoredOutcome(outcome)) {
            window.add(new Recorded(now, failure, slow));
            if (tripConditionHolds()) {
                trip();
                settle(); // a jittered wait can be zero
            }
        }
        else if (state == CircuitState.FORCED_CLOSED && !ignoredOutcome(outcome)) {
            window.add(new Recorded(now, failure, slow));
        }
        else if (state == CircuitState.HALF_OPEN) {
            trialsInFlight--;
            if (failure) {
                reopen(now);
                settle();
            }
            else if (success) {
                trialSuccesses++;
                if (trialSuccesses >= config.halfOpenSuccessThreshold()) {
                    successfulRecoveries++;
                    failedRecoveriesInARow = 0;
                    moveTo(CircuitState.CLOSED, now);
                    window.clear();
                }
            }
        }
    }

    private static boolean ignoredOutcome(CallOutcome outcome) {
        return outcome == CallOutcome.IGNORED;
    }

    private boolean tripConditionHolds() {
        int consecutive = config.consecutiveFailuresThreshold();
        if (consecutive > 0 && consecutiveFailures >= consecutive) {
            return true;
        }
        long[] counts = windowCounts();
        long total = counts[0];
        if (total < config.minimumCalls()) {
            return false;
        }
        if ((double) counts[1] / total >= config.failureRateThreshold()) {
            return true;
        }
        return config.slowCallDuration() != null && (double) counts[2] / total >= config.slowCallRateThreshold();
    }

    // ---------------------------------------------------------------- operators

    void reset() {
        settle();
        if (state != CircuitState.CLOSED) {
            leaveOpen();
            moveTo(CircuitState.CLOSED, now);
        }
        else {
            period++; // no transition, yet a new window: calls admitted before it end late
        }
        window.clear();
        failedRecoveriesInARow = 0;
        consecutiveFailures = 0;
        consecutiveSuccesses = 0;
    }

    void forceOpen() {
        settle();
        if (state == CircuitState.FORCED_OPEN) {
            return; // no transition
        }
        long[] shown = windowCounts();
        leaveOpen();
        moveTo(CircuitState.FORCED_OPEN, now);
        frozen = shown;
    }

    void forceClose() {
        settle();
        if (state == CircuitState.FORCED_CLOSED) {
            return; // no transition
        }
        leaveOpen();
        moveTo(CircuitState.FORCED_CLOSED, now);
        window.clear();
    }

    // ---------------------------------------------------------------- transitions

    private void trip() {
        frozen = windowCounts();
        opens++;
        failedRecoveriesInARow = 0;
        openUntil = now + openWait();
        moveTo(CircuitState.OPEN, now);
    }

    private void reopen(long at) {
        opens++;
        failedRecoveries++;
        failedRecoveriesInARow++;
        openUntil = at + openWait();
        moveTo(CircuitState.OPEN, at);
    }

    private void enterHalfOpen(long at) {
        moveTo(CircuitState.HALF_OPEN, at);
        trialsInFlight = 0;
        trialSuccesses = 0;
        firstTrialAt = null;
    }

    /** Counts the time of an OPEN or FORCED_OPEN period that an operator ends. */
    private void leaveOpen() {
        if (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) {
            timeInOpen += now - enteredAt;
        }
    }

    private void moveTo(CircuitState to, long at) {
        transitions.add(state + "->" + to + "@" + at + (to == CircuitState.OPEN ? " retry=" + openUntil : ""));
        state = to;
        enteredAt = at;
        period++;
    }

    /** The open wait after {@link #failedRecoveriesInARow} failed recoveries: backed off, capped, jittered. */
    private long openWait() {
        double max = config.backoffMaxWait().toMillis();
        double wait = Math.min(config.waitInOpen().toMillis() * Math.pow(config.backoffMultiplier(),
                failedRecoveriesInARow), max);
        if (config.backoffJitter() > 0) {
            wait = wait * (1 + config.backoffJitter() * (2 * jitter.nextDouble() - 1));
        }
        return Math.max(0, Math.min(Math.round(wait), (long) max));
    }

    // ---------------------------------------------------------------- reading

    /** @return total, failures and slow calls in the window shown now */
    long[] windowCounts() {
        if (state == CircuitState.OPEN || state == CircuitState.HALF_OPEN || state == CircuitState.FORCED_OPEN) {
            return frozen;
        }
        long total = 0;
        long failed = 0;
        long slow = 0;
        for (Recorded r : recordsInWindow()) {
            total++;
            failed += r.failure() ? 1 : 0;
            slow += r.slow() ? 1 : 0;
        }
        return new long[] {total, failed, slow};
    }

    /** The last N records for a count window; those of the last 20 buckets for a time window. */
    private List<Recorded> recordsInWindow() {
        if (config.slidingWindowType() == SlidingWindowType.COUNT) {
            int n = config.slidingWindowSize();
            return window.subList(Math.max(0, window.size() - n), window.size());
        }
        long bucket = Math.max(1, (config.slidingWindowDuration().toMillis() + 19) / 20);
        long current = Math.floorDiv(now, bucket);
        List<Recorded> in = new ArrayList<>();
        for (Recorded r : window) {
            if (Math.floorDiv(r.at(), bucket) > current - 20) {
                in.add(r);
            }
        }
        return in;
    }

    long timeInOpenNow() {
        return state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN ? timeInOpen + now - enteredAt
                : timeInOpen;
    }
}
