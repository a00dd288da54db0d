package dev.breaker.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call a breaker admitted, whose end arrives later and perhaps from several sides at once
 * (a stage completing, a caller cancelling, a timer expiring, a subscriber's signals): the first
 * of them records the outcome, with the time since admission, and the others find it recorded.
 * Get one with {@link CircuitBreaker#admit()}.
 */
public final class AdmittedCall {

    private final CircuitBreaker breaker;
    private final long ticket;
    private final long start;
    private final AtomicBoolean recorded = new AtomicBoolean();

    AdmittedCall(CircuitBreaker breaker, long ticket) {
        this.breaker = breaker;
        this.ticket = ticket;
        this.start = breaker.clock().nanoTime();
    }

    /** @return whether this recorded a success; {@code false} when an outcome was recorded before */
    public boolean succeeded() {
        if (!recorded.compareAndSet(false, true)) {
            return false;
        }
        breaker.onSuccess(ticket, elapsed());
        return true;
    }

    /**
     * @param error what the call failed with; classified as {@link CircuitBreaker#onError} says
     * @return whether this recorded the outcome; {@code false} when one was recorded before
     */
    public boolean failed(Throwable error) {
        if (!recorded.compareAndSet(false, true)) {
            return false;
        }
        breaker.onError(ticket, elapsed(), error);
        return true;
    }

    /** @return whether this recorded a timeout; {@code false} when an outcome was recorded before */
    public boolean timedOut() {
        if (!recorded.compareAndSet(false, true)) {
            return false;
        }
        breaker.onTimeout(ticket, elapsed());
        return true;
    }

    /** @return whether this recorded a cancellation; {@code false} when an outcome was recorded before */
    public boolean cancelled() {
        if (!recorded.compareAndSet(false, true)) {
            return false;
        }
        breaker.onCancelled(ticket, elapsed());
        return true;
    }

    private long elapsed() {
        return Math.max(0, breaker.clock().nanoTime() - start);
    }
}
