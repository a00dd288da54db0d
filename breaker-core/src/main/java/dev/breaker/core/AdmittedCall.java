package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call a breaker admitted, whose end arrives later and perhaps from several sides at once
 * (a stage completing, a caller cancelling, a timer expiring, a subscriber's signals): the first
 * of them records the outcome, with the time since admission, and the others find it recorded.
 * Get one with {@link CircuitBreaker#admit()}; every admitted call must end with one of
 * {@link #succeeded()}, {@link #failed(Throwable)}, {@link #timedOut()} or {@link #cancelled()},
 * or a HALF_OPEN breaker's trial permit stays taken until {@code half-open.max-wait}.
 */
public final class AdmittedCall {

    private static final VarHandle RECORDED;

    static {
        try {
            RECORDED = MethodHandles.lookup().findVarHandle(AdmittedCall.class, "recorded", boolean.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final CircuitBreaker breaker;
    private final long period;
    private final long start;
    @SuppressWarnings("unused") // through RECORDED
    private volatile boolean recorded;

    AdmittedCall(CircuitBreaker breaker, long period) {
        this.breaker = breaker;
        this.period = period;
        this.start = breaker.clock().nanoTime();
    }

    /** @return the breaker that admitted the call: for a keyed call, the child it went through */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** @return whether this recorded a success; {@code false} when an outcome was recorded before */
    public boolean succeeded() {
        return record(CallOutcome.SUCCESS, null);
    }

    /**
     * @param error what the call failed with; classified by {@link CircuitBreakerConfig#classify}
     * @return whether this recorded the outcome; {@code false} when one was recorded before
     */
    public boolean failed(Throwable error) {
        return record(null, error);
    }

    /** @return whether this recorded a timeout; {@code false} when an outcome was recorded before */
    public boolean timedOut() {
        return record(CallOutcome.TIMEOUT, null);
    }

    /** @return whether this recorded a cancellation (ignored); {@code false} when an outcome was recorded before */
    public boolean cancelled() {
        return record(CallOutcome.IGNORED, null);
    }

    private boolean record(@Nullable CallOutcome outcome, @Nullable Throwable error) {
        if (!RECORDED.compareAndSet(this, false, true)) {
            return false;
        }
        long elapsed = Math.max(0, breaker.clock().nanoTime() - start);
        if (error != null) {
            breaker.recordError(period, elapsed, error);
        }
        else {
            breaker.record(period, Objects.requireNonNull(outcome), elapsed, null);
        }
        return true;
    }
}
