package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * HALF_OPEN: at most {@code permitted} trial calls in flight; {@code threshold} successes close
 * the breaker, any failure re-opens it. The max-wait clock starts at the first admitted trial.
 */
final class HalfOpenState extends BreakerState {

    private static final VarHandle IN_FLIGHT;
    private static final VarHandle SUCCESSES;
    private static final VarHandle FIRST_TRIAL_AT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            IN_FLIGHT = lookup.findVarHandle(HalfOpenState.class, "inFlight", int.class);
            SUCCESSES = lookup.findVarHandle(HalfOpenState.class, "successes", int.class);
            FIRST_TRIAL_AT = lookup.findVarHandle(HalfOpenState.class, "firstTrialAt", long.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The open-until time of the OPEN period this one follows: names the round of trials cluster-wide. */
    final long round;
    final int failedRecoveries;
    final WindowCounts tripped;
    private volatile int inFlight;
    @SuppressWarnings("unused") // through SUCCESSES
    private volatile int successes;
    private volatile long firstTrialAt = Long.MIN_VALUE;

    HalfOpenState(long generation, long round, int failedRecoveries, WindowCounts tripped) {
        super(generation);
        this.round = round;
        this.failedRecoveries = failedRecoveries;
        this.tripped = tripped;
    }

    /** @return whether a trial permit was taken */
    boolean tryAcquire(int permitted, long nowMillis) {
        for (;;) {
            int current = inFlight;
            if (current >= permitted) {
                return false;
            }
            if (IN_FLIGHT.compareAndSet(this, current, current + 1)) {
                FIRST_TRIAL_AT.compareAndSet(this, Long.MIN_VALUE, nowMillis);
                return true;
            }
        }
    }

    void release() {
        IN_FLIGHT.getAndAdd(this, -1);
    }

    /** @return the successes so far, this one included */
    int succeed() {
        return (int) SUCCESSES.getAndAdd(this, 1) + 1;
    }

    /** @return whether the trials have run past the max wait without a decision */
    boolean expired(long nowMillis, long maxWaitMillis) {
        long first = firstTrialAt;
        return first != Long.MIN_VALUE && nowMillis - first >= maxWaitMillis;
    }

    /** @return when undecided trials run out of time; only meaningful once a trial was admitted */
    long deadline(long maxWaitMillis) {
        return firstTrialAt + maxWaitMillis;
    }

    int inFlight() {
        return inFlight;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return tripped;
    }
}
