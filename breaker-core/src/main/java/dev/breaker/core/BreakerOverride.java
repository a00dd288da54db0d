package dev.breaker.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An operator's override of a breaker: forced open or forced closed, why, by whom, since when
 * and until when. A timed override ends by itself: the breaker returns to CLOSED as after a reset.
 *
 * @param state {@link CircuitState#FORCED_OPEN} or {@link CircuitState#FORCED_CLOSED}
 * @param reason why, as the operator said it, or {@code null}
 * @param by who, or {@code null} when unknown
 * @param at when it began
 * @param until when it ends by itself, or {@code null} when only an operator ends it
 */
public record BreakerOverride(CircuitState state, @Nullable String reason, @Nullable String by, Instant at,
        @Nullable Instant until) {

    /** @return the sentence logs and listeners get, such as "forced open by alice until ...: maintenance" */
    String describe() {
        StringBuilder text = new StringBuilder(state == CircuitState.FORCED_OPEN ? "forced open" : "forced closed")
            .append(" by ").append(by != null ? by : "an operator");
        if (until != null) {
            text.append(" until ").append(until);
        }
        if (reason != null) {
            text.append(": ").append(reason);
        }
        return text.toString();
    }
}
