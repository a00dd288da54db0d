package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outcome of one admitted call whose end arrives as signals (a subscription): records
 * exactly one outcome with the breaker, whichever signal comes first.
 */
final class CallRecorder {

    private final CircuitBreaker breaker;

    private final long ticket;

    private final long start;

    private final AtomicBoolean recorded = new AtomicBoolean();

    private volatile boolean emitted;

    private CallRecorder(CircuitBreaker breaker, long ticket) {
        this.breaker = breaker;
        this.ticket = ticket;
        this.start = breaker.clock().nanoTime();
    }

    /**
     * Asks the breaker to admit a call.
     * @param breaker the breaker
     * @return the recorder of the admitted call
     * @throws dev.breaker.core.CircuitOpenException when the breaker rejects the call
     */
    static CallRecorder admit(CircuitBreaker breaker) {
        return new CallRecorder(breaker, breaker.acquirePermission());
    }

    void emitted() {
        this.emitted = true;
    }

    void success() {
        if (this.recorded.compareAndSet(false, true)) {
            this.breaker.onSuccess(this.ticket, elapsed());
        }
    }

    void error(Throwable error) {
        if (this.recorded.compareAndSet(false, true)) {
            this.breaker.onError(this.ticket, elapsed(), error);
        }
    }

    void timeout() {
        if (this.recorded.compareAndSet(false, true)) {
            this.breaker.onTimeout(this.ticket, elapsed());
        }
    }

    /** A cancelled call that delivered something succeeded; one that delivered nothing is ignored. */
    void cancel() {
        if (this.emitted) {
            success();
        }
        else if (this.recorded.compareAndSet(false, true)) {
            this.breaker.onCancelled(this.ticket, elapsed());
        }
    }

    private long elapsed() {
        return Math.max(0, this.breaker.clock().nanoTime() - this.start);
    }
}
