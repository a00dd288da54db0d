package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lifetime counts and times that a healthy breaker never touches, kept apart and created on
 * first need so that a keyed child that only ever succeeds stays small.
 */
final class RareCounters {

    static final int IGNORED = 0;
    static final int REJECTIONS = 1;
    static final int TIMEOUTS = 2;
    static final int SLOW_CALLS = 3;
    static final int OPENS = 4;
    static final int SUCCESSFUL_RECOVERIES = 5;
    static final int FAILED_RECOVERIES = 6;
    static final int TIME_IN_OPEN = 7;
    /** When the last failure was recorded, epoch milliseconds; {@link Millis#NONE} before the first. */
    static final int LAST_FAILURE_AT = 8;
    /** Lifetime successes at the last failure or reset: the run of successes counts from here. */
    static final int SUCCESS_MARK = 9;
    /** Lifetime failures, timeouts included. */
    static final int FAILURES = 10;
    /** When a reconfiguration last emptied the window, epoch milliseconds; {@link Millis#NONE} before. */
    static final int WINDOW_RESET_AT = 11;
    /** Calls a breaker in shadow mode ran although it would have rejected them. */
    static final int SHADOW_REJECTIONS = 12;
    /** Until when the downstream asked callers to wait, from a failure's retry hint; {@link Millis#NONE} before. */
    static final int RETRY_HINT_UNTIL = 13;

    /** Zero counts, for a breaker that has none yet; never written. */
    static final RareCounters NONE = new RareCounters();

    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HISTORY;

    static {
        try {
            HISTORY = MethodHandles.lookup().findVarHandle(RareCounters.class, "history", TransitionHistory.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile @Nullable TransitionHistory history;

    private final long[] values = new long[14];

    RareCounters() {
        values[LAST_FAILURE_AT] = Millis.NONE;
        values[WINDOW_RESET_AT] = Millis.NONE;
        values[RETRY_HINT_UNTIL] = Millis.NONE;
    }

    /** Keeps a transition in the breaker's history, made on the first. */
    void remember(StateTransition transition) {
        TransitionHistory kept = history;
        if (kept == null) {
            historyMade().add(transition);
        }
        else {
            kept.add(transition);
        }
    }

    private TransitionHistory historyMade() {
        TransitionHistory fresh = new TransitionHistory();
        TransitionHistory witness = (TransitionHistory) HISTORY.compareAndExchange(this, (TransitionHistory) null, fresh);
        return witness == null ? fresh : witness;
    }

    /** @return the latest transitions, newest first */
    List<StateTransition> history() {
        TransitionHistory kept = history;
        return kept == null ? List.of() : kept.newestFirst();
    }

    /** Raises a value to at least the given one. */
    void raise(int counter, long value) {
        for (;;) {
            long current = get(counter);
            if (current >= value || VALUES.compareAndSet(values, counter, current, value)) {
                return;
            }
        }
    }

    void add(int counter, long delta) {
        VALUES.getAndAdd(values, counter, delta);
    }

    void set(int counter, long value) {
        VALUES.setVolatile(values, counter, value);
    }

    long get(int counter) {
        return (long) VALUES.getVolatile(values, counter);
    }

    /** Counts a transition: time spent open, openings, and recoveries that failed or succeeded. */
    void countTransition(BreakerState from, BreakerState to, TransitionReason reason, long at) {
        add(TIME_IN_OPEN, from.openMillis(at));
        if (to.kind() == CircuitState.OPEN) {
            if (!(from.kind() == CircuitState.OPEN && at < from.retryAtMillis())) {
                add(OPENS, 1); // following another instance's open period is no new opening
            }
            if (from.kind() == CircuitState.HALF_OPEN) {
                add(FAILED_RECOVERIES, 1);
            }
        }
        else if (reason == TransitionReason.TRIAL_SUCCEEDED) { // an operator's reset is no recovery
            add(SUCCESSFUL_RECOVERIES, 1);
        }
    }
}
