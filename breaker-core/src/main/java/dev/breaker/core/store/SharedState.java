package dev.breaker.core.store;

import dev.breaker.core.CircuitState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What instances share about one breaker: its state and, when OPEN, until when. Call counts
 * stay local to each instance.
 *
 * @param state the state entered; never HALF_OPEN, which each instance reaches by itself when
 *        the open-until time passes
 * @param openUntilMillis epoch milliseconds until which an OPEN breaker rejects calls, or until
 *        which an operator's timed FORCED_OPEN or FORCED_CLOSED lasts; -1 otherwise
 * @param failedRecoveries failed recoveries in a row, which drive the open wait's backoff
 * @param changedAtMillis when the state was entered, epoch milliseconds
 * @param reason why an operator forced the state, or {@code null}
 * @param by who forced it, or {@code null}
 */
public record SharedState(CircuitState state, long openUntilMillis, int failedRecoveries, long changedAtMillis,
        @Nullable String reason, @Nullable String by) {

    /**
     * A shared state without an operator's reason.
     * @param state the state entered
     * @param openUntilMillis as above
     * @param failedRecoveries as above
     * @param changedAtMillis as above
     */
    public SharedState(CircuitState state, long openUntilMillis, int failedRecoveries, long changedAtMillis) {
        this(state, openUntilMillis, failedRecoveries, changedAtMillis, null, null);
    }

    /** Checks the values. */
    public SharedState {
        Objects.requireNonNull(state, "state");
        if (state == CircuitState.HALF_OPEN) {
            throw new IllegalArgumentException("HALF_OPEN is not shared: it follows from the open-until time");
        }
    }
}
