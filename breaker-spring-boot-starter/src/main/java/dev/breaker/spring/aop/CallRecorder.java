package dev.breaker.spring.aop;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;

/**
 * The outcome of one admitted call whose end arrives as signals (a subscription): records
 * exactly one outcome with the breaker, whichever signal comes first, and counts a cancelled
 * subscription that delivered something as a success.
 */
final class CallRecorder {

    private final AdmittedCall admitted;

    private volatile boolean emitted;

    private CallRecorder(AdmittedCall admitted) {
        this.admitted = admitted;
    }

    /**
     * Asks the breaker to admit a call.
     * @param breaker the breaker
     * @return the recorder of the admitted call
     * @throws dev.breaker.core.CircuitOpenException when the breaker rejects the call
     */
    static CallRecorder admit(CircuitBreaker breaker) {
        return new CallRecorder(breaker.admit());
    }

    void emitted() {
        this.emitted = true;
    }

    void success() {
        this.admitted.succeeded();
    }

    void error(Throwable error) {
        this.admitted.failed(error);
    }

    void timeout() {
        this.admitted.timedOut();
    }

    /** A cancelled call that delivered something succeeded; one that delivered nothing is ignored. */
    void cancel() {
        if (this.emitted) {
            this.admitted.succeeded();
        }
        else {
            this.admitted.cancelled();
        }
    }
}
