package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A breaker's lifetime counts, kept in the breaker object itself (its superclass) so that they
 * cost no object of their own. A success is counted with one compare-and-set while threads do
 * not collide, and from the first collision on in a {@link LongAdder} made then, whose cells
 * give each thread a cache line of its own: a keyed child that is never contended stays small,
 * and a busy breaker shared by many threads writes no shared line on a success. Everything a
 * healthy breaker never touches lives in {@link RareCounters}, made on first need.
 */
abstract class LifetimeCounts {

    private static final VarHandle CONSECUTIVE_FAILURES;
    private static final VarHandle RARE;
    private static final VarHandle SUCCESS_COUNT;
    private static final VarHandle STRIPED_SUCCESSES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CONSECUTIVE_FAILURES = lookup.findVarHandle(LifetimeCounts.class, "consecutiveFailures", int.class);
            RARE = lookup.findVarHandle(LifetimeCounts.class, "rare", RareCounters.class);
            SUCCESS_COUNT = lookup.findVarHandle(LifetimeCounts.class, "successCount", long.class);
            STRIPED_SUCCESSES = lookup.findVarHandle(LifetimeCounts.class, "stripedSuccesses", LongAdder.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Lifetime successes while uncontended; {@link #stripedSuccesses} takes over once two threads collide. */
    private volatile long successCount;
    private volatile @Nullable LongAdder stripedSuccesses;
    private volatile int consecutiveFailures;
    private volatile long lastSuccessAt = Millis.NONE;
    private volatile @Nullable RareCounters rare;

    /** Counts one outcome in the lifetime statistics. */
    final void countLifetime(CallOutcome outcome, boolean failure, boolean slow, long now) {
        if (failure) {
            RareCounters r = rare();
            r.add(RareCounters.FAILURES, 1);
            r.set(RareCounters.LAST_FAILURE_AT, now);
            if (outcome == CallOutcome.TIMEOUT) {
                r.add(RareCounters.TIMEOUTS, 1);
            }
        }
        else if (outcome == CallOutcome.SUCCESS) {
            countSuccess();
            if (lastSuccessAt != now) {
                lastSuccessAt = now;
            }
        }
        else {
            rare().add(RareCounters.IGNORED, 1);
        }
        if (slow) {
            rare().add(RareCounters.SLOW_CALLS, 1);
        }
    }

    private void countSuccess() {
        LongAdder striped = stripedSuccesses;
        if (striped == null) {
            long current = successCount;
            if (SUCCESS_COUNT.compareAndSet(this, current, current + 1)) {
                return;
            }
            striped = stripedSuccesses;
            if (striped == null) {
                LongAdder fresh = new LongAdder();
                LongAdder witness = (LongAdder) STRIPED_SUCCESSES.compareAndExchange(this, (LongAdder) null, fresh);
                striped = witness == null ? fresh : witness;
            }
        }
        striped.increment();
    }

    final long successes() {
        LongAdder striped = stripedSuccesses;
        return successCount + (striped == null ? 0 : striped.sum());
    }

    /** Counts an outcome of the current period in the run of failures, or ends the run. */
    final void countConsecutive(boolean failure) {
        if (failure) {
            CONSECUTIVE_FAILURES.getAndAdd(this, 1);
            rare().set(RareCounters.SUCCESS_MARK, successes());
        }
        else if (consecutiveFailures != 0) {
            consecutiveFailures = 0;
        }
    }

    /** A late success counts as a success but is not part of the current run of successes. */
    final void countLateSuccess() {
        rare().add(RareCounters.SUCCESS_MARK, 1);
    }

    /** Starts the runs of failures and successes again, as a reset does. */
    final void clearConsecutive() {
        consecutiveFailures = 0;
        rare().set(RareCounters.SUCCESS_MARK, successes());
    }

    final int consecutiveFailures() {
        return consecutiveFailures;
    }

    final long consecutiveSuccesses() {
        return Math.max(0, successes() - rareOrNone().get(RareCounters.SUCCESS_MARK));
    }

    final long lastSuccessAt() {
        return lastSuccessAt;
    }

    final RareCounters rare() {
        RareCounters r = rare;
        if (r == null) {
            RareCounters fresh = new RareCounters();
            RareCounters witness = (RareCounters) RARE.compareAndExchange(this, (RareCounters) null, fresh);
            r = witness == null ? fresh : witness;
        }
        return r;
    }

    /** @return the rare counters, or zeros when none was ever made; never writes */
    final RareCounters rareOrNone() {
        RareCounters r = rare;
        return r == null ? RareCounters.NONE : r;
    }
}
