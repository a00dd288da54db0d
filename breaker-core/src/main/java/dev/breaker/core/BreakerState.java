package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One period of a breaker in one state, deciding for itself what that state does: whether a
 * call is admitted, what an outcome changes, when time alone ends it, and whether a keyed child
 * in it may be forgotten.
 *
 * <p>A breaker holds exactly one period, replaced as a whole by a compare-and-set on every
 * transition, so a transition happens once however many threads race to make it. The
 * {@link #period} numbers the periods: a call remembers the period that admitted it, and an
 * outcome whose period has ended counts in the statistics but changes no state.
 */
abstract sealed class BreakerState permits ClosedState, OpenState, HalfOpenState, ForcedState {

    private static final VarHandle REJECTION;

    static {
        try {
            REJECTION = MethodHandles.lookup().findVarHandle(BreakerState.class, "rejection",
                    CircuitOpenException.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final long period;
    /** The one exception that serves every rejection of a rejecting period; made on the first. */
    private volatile @Nullable CircuitOpenException rejection;

    BreakerState(long period) {
        this.period = period;
    }

    /** @return the state this period is in */
    abstract CircuitState kind();

    /**
     * The state time has made of this period by {@code now}, read without changing anything.
     * @param now the time
     * @param breaker the breaker in this period
     * @return the state
     */
    CircuitState kindAt(long now, CircuitBreaker breaker) {
        return kind();
    }

    /**
     * Admits one call or rejects it.
     * @param breaker the breaker in this period
     * @return the period that admitted the call
     * @throws CircuitOpenException when the call is rejected
     */
    abstract long admit(CircuitBreaker breaker);

    /**
     * Reacts to the outcome of a call this period admitted.
     * @param breaker the breaker in this period
     * @param outcome how the call ended
     * @param failure whether the outcome counts as a failure
     * @param slow whether the call was slow
     * @param now the time of the outcome
     */
    void onOutcome(CircuitBreaker breaker, CallOutcome outcome, boolean failure, boolean slow, long now) {
        // an OPEN or FORCED_OPEN period admits no call, so no outcome of its own arrives
    }

    /**
     * The transition that time alone makes due by {@code now}, carrying the instant it became
     * due; {@code null} when there is none.
     * @param now the time
     * @param breaker the breaker in this period
     * @return the transition, or {@code null}
     */
    @Nullable DueTransition dueBy(long now, CircuitBreaker breaker) {
        return null;
    }

    /**
     * The exception this period rejects calls with: one instance for the whole period, so that a
     * rejection allocates nothing.
     * @param breaker the breaker in this period
     * @return the exception
     */
    final CircuitOpenException rejection(CircuitBreaker breaker) {
        CircuitOpenException exception = rejection;
        if (exception == null) {
            CircuitOpenException fresh = new CircuitOpenException(breaker.name(), breaker.key(), kind(),
                    rejectionUntilMillis(), breaker.clock());
            Object witness = REJECTION.compareAndExchange(this, null, fresh);
            exception = witness == null ? fresh : (CircuitOpenException) witness;
        }
        return exception;
    }

    /** @return until when this period's rejections last, as their exception says: the retry time, or a timed override's end */
    long rejectionUntilMillis() {
        return retryAtMillis();
    }

    /** @return an operator's override this period holds, or {@code null} */
    @Nullable BreakerOverride override() {
        return null;
    }

    /** @return when this period lets the next trial call in; {@link Millis#NONE} unless OPEN */
    long retryAtMillis() {
        return Millis.NONE;
    }

    /** @return the window counts this period shows */
    abstract WindowCounts counts(long now);

    /** @return the time this period has spent rejecting calls by {@code now} */
    long openMillis(long now) {
        return 0;
    }

    /**
     * Whether forgetting a keyed child in this period would let through calls it would reject:
     * true for FORCED_OPEN, and for OPEN and HALF_OPEN until their retry time has passed and the
     * child has then been idle for {@code keys.idle-expiry}.
     * @param now the time
     * @param lastAccess when the child was last called
     * @param idleMillis {@code keys.idle-expiry}
     * @return whether the child must be kept
     */
    boolean holdsTraffic(long now, long lastAccess, long idleMillis) {
        return false;
    }

    /** @return whether a period that let trials in at {@code retryAt} still holds traffic back */
    static boolean heldUntilIdle(long retryAt, long now, long lastAccess, long idleMillis) {
        return now < retryAt || now - Math.max(lastAccess, retryAt) < idleMillis;
    }

    /**
     * A transition that time alone makes, such as OPEN to HALF_OPEN at the retry time.
     * @param to the period it enters
     * @param reason why
     * @param detail the sentence the log line and listeners get
     * @param atMillis when it became due
     */
    record DueTransition(BreakerState to, TransitionReason reason, String detail, long atMillis) {
    }
}
