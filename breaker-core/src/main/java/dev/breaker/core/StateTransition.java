package dev.breaker.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change of a circuit breaker's state, as listeners see it.
 *
 * @param breakerName the breaker's name
 * @param key the keyed child's key, or {@code null}
 * @param from the state left
 * @param to the state entered
 * @param reason why
 * @param detail what the reason measured, for people, e.g. "failure rate 60% >= 50% over 10 calls"
 * @param at when the transition happened
 * @param nextRetryAt when an OPEN breaker admits its next trial call; {@code null} for other states
 */
public record StateTransition(String breakerName, @Nullable String key, CircuitState from, CircuitState to,
        TransitionReason reason, String detail, Instant at, @Nullable Instant nextRetryAt) {

    /** @return the breaker and key as one label, {@code payment} or {@code bot[user-42]} */
    public String label() {
        return key == null ? breakerName : breakerName + "[" + key + "]";
    }

    @Override
    public String toString() {
        return "Circuit breaker '" + label() + "' " + from + " -> " + to + " (" + detail + ")"
                + (nextRetryAt == null ? "" : "; next retry at " + nextRetryAt);
    }
}
