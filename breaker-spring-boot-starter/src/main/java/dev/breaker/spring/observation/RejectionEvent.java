package dev.breaker.spring.observation;

import dev.breaker.core.CircuitOpenException;
import io.micrometer.observation.Observation;

/**
 * The event a rejected call's observation carries, a span event when tracing is on, so that a
 * trace tells a short-circuit from a failure of the downstream. Its contextual name says the
 * breaker, the state and the retry time, for example
 * {@code short-circuited: breaker=payment state=OPEN retry-after=12s}.
 */
final class RejectionEvent {

    static final String NAME = "breaker.rejected";

    private RejectionEvent() {
    }

    static Observation.Event of(CircuitOpenException rejection) {
        StringBuilder description = new StringBuilder("short-circuited: breaker=").append(rejection.getBreakerName());
        description.append(" state=").append(rejection.getState().name());
        description.append(" retry-after=").append(retryAfterSeconds(rejection)).append('s');
        return Observation.Event.of(NAME, description.toString());
    }

    /** Whole seconds, rounded up, as a {@code Retry-After} header says them. */
    static long retryAfterSeconds(CircuitOpenException rejection) {
        return (rejection.getRetryAfter().toMillis() + 999) / 1000;
    }
}
