package dev.breaker.spring.observation;

import dev.breaker.core.CallOutcome;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitOpenException;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one call through a circuit breaker knows: the breaker, and once the
 * breaker has recorded it, the call's outcome, its duration as the breaker measured it, and
 * the rejection when the breaker refused the call.
 */
public class BreakerCallContext extends Observation.Context {

    private final String breakerName;

    private final @Nullable String key;

    private @Nullable CallOutcome outcome;

    private long durationNanos;

    private @Nullable CircuitOpenException rejection;

    /**
     * Creates the context of a call through a breaker.
     * @param breaker the breaker, or the keyed child, the call goes through
     */
    public BreakerCallContext(CircuitBreaker breaker) {
        this.breakerName = breaker.name();
        this.key = breaker.key();
    }

    /** @return the name of the breaker */
    public String getBreakerName() {
        return this.breakerName;
    }

    /** @return the key of the keyed child the call went through, or {@code null} */
    public @Nullable String getKey() {
        return this.key;
    }

    /** @return how the call ended, or {@code null} while the breaker has not recorded it */
    public @Nullable CallOutcome getOutcome() {
        return this.outcome;
    }

    /** @return how long the call ran as the breaker measured it; 0 for a rejection */
    public long getDurationNanos() {
        return this.durationNanos;
    }

    /** @return the exception the breaker rejected the call with, or {@code null} */
    public @Nullable CircuitOpenException getRejection() {
        return this.rejection;
    }

    /**
     * Records the call's outcome, once.
     * @param outcome how the call ended
     * @param durationNanos how long it ran
     * @param error what it threw, or {@code null}
     * @return whether this recorded it; {@code false} when an outcome was recorded before
     */
    boolean record(CallOutcome outcome, long durationNanos, @Nullable Throwable error) {
        if (this.outcome != null) {
            return false;
        }
        this.outcome = outcome;
        this.durationNanos = durationNanos;
        if (error instanceof CircuitOpenException rejected) {
            this.rejection = rejected;
        }
        else if (error != null && (outcome == CallOutcome.FAILURE || outcome == CallOutcome.TIMEOUT)) {
            setError(error);
        }
        return true;
    }

    boolean isFor(CircuitBreaker breaker) {
        return this.breakerName.equals(breaker.name()) && java.util.Objects.equals(this.key, breaker.key());
    }
}
