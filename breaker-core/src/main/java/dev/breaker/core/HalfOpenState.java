package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * HALF_OPEN: at most {@code half-open.permitted-calls} trial calls in flight at once;
 * {@code half-open.success-threshold} successes close the breaker, the first failure re-opens
 * it, and so does {@code half-open.max-wait} without a decision, counted from the first trial.
 * The permits bound the trials in flight, not their total: a threshold above them is reached
 * by trials one after another.
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

    /** The retry time of the OPEN period this one follows: names the round of trials cluster-wide. */
    final long round;
    final int failedRecoveries;
    final WindowCounts tripped;
    @SuppressWarnings("unused") // through IN_FLIGHT
    private volatile int inFlight;
    @SuppressWarnings("unused") // through SUCCESSES
    private volatile int successes;
    private volatile long firstTrialAt = Millis.NONE;

    HalfOpenState(long period, long round, int failedRecoveries, WindowCounts tripped) {
        super(period);
        this.round = round;
        this.failedRecoveries = failedRecoveries;
        this.tripped = tripped;
    }

    @Override
    CircuitState kind() {
        return CircuitState.HALF_OPEN;
    }

    @Override
    long admit(CircuitBreaker breaker) {
        long now = breaker.context().clock.millis();
        BreakerState current = breaker.current(now);
        if (current != this) {
            return current.admit(breaker);
        }
        int permitted = breaker.context().config.halfOpenPermittedCalls();
        if (tryAcquire(permitted, now)) {
            if (breaker.context().shared.tryAcquireTrialPermit(breaker, round, permitted)) {
                return period;
            }
            IN_FLIGHT.getAndAdd(this, -1);
        }
        throw breaker.reject(new CircuitOpenException(breaker.name(), breaker.key(), CircuitState.HALF_OPEN,
                decisionDue(breaker), breaker.clock(), "its " + permitted
                        + " trial calls are in flight; calls are rejected until they decide"));
    }

    private boolean tryAcquire(int permitted, long now) {
        for (;;) {
            int current = inFlight;
            if (current >= permitted) {
                return false;
            }
            if (IN_FLIGHT.compareAndSet(this, current, current + 1)) {
                FIRST_TRIAL_AT.compareAndSet(this, Millis.NONE, now);
                return true;
            }
        }
    }

    @Override
    void onOutcome(CircuitBreaker breaker, CallOutcome outcome, boolean failure, boolean slow, long now) {
        IN_FLIGHT.getAndAdd(this, -1);
        breaker.context().shared.releaseTrialPermit(breaker, round);
        if (failure) {
            reopen(breaker, TransitionReason.TRIAL_FAILED, "trial call failed", now);
        }
        else if (outcome == CallOutcome.SUCCESS) {
            int succeeded = (int) SUCCESSES.getAndAdd(this, 1) + 1;
            int threshold = breaker.context().config.halfOpenSuccessThreshold();
            if (succeeded >= threshold) {
                breaker.transition(this, new ClosedState(period + 1, SlidingWindow.of(breaker.context().config)),
                        TransitionReason.TRIAL_SUCCEEDED, succeeded + " of " + threshold + " trial calls succeeded", now);
            }
        }
    }

    private void reopen(CircuitBreaker breaker, TransitionReason reason, String detail, long now) {
        OpenState.enter(breaker, this, now, failedRecoveries + 1, tripped, reason, detail);
    }

    private OpenState reopened(CircuitBreaker breaker, long now) {
        return OpenState.opening(breaker, period + 1, now, failedRecoveries + 1, tripped);
    }

    @Override
    CircuitState kindAt(long now, CircuitBreaker breaker) {
        long deadline = decisionDue(breaker);
        return deadline == Millis.NONE || now < deadline ? CircuitState.HALF_OPEN : CircuitState.OPEN;
    }

    /** Re-opens the breaker when trials have run past {@code half-open.max-wait} without a decision. */
    @Override
    @Nullable DueTransition dueBy(long now, CircuitBreaker breaker) {
        long deadline = decisionDue(breaker);
        if (deadline == Millis.NONE || now < deadline) {
            return null;
        }
        return new DueTransition(reopened(breaker, deadline), TransitionReason.HALF_OPEN_TIMEOUT,
                "trial calls undecided after " + breaker.context().config.halfOpenMaxWait(), deadline);
    }

    /** @return when undecided trials run out of time; {@link Millis#NONE} before the first trial */
    private long decisionDue(CircuitBreaker breaker) {
        long first = firstTrialAt;
        return first == Millis.NONE ? Millis.NONE : Millis.plus(first, breaker.context().config.halfOpenMaxWait().toMillis());
    }

    @Override
    WindowCounts counts(long now) {
        return tripped;
    }

    @Override
    boolean holdsTraffic(long now, long lastAccess, long idleMillis) {
        return heldUntilIdle(round, now, lastAccess, idleMillis);
    }
}
