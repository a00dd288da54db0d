package dev.breaker.core;

/**
 * The states of a circuit breaker.
 *
 * <p>{@link #CLOSED}, {@link #OPEN} and {@link #HALF_OPEN} are driven by call outcomes and
 * time; {@link #FORCED_OPEN} and {@link #FORCED_CLOSED} are set by an operator and stay until
 * the breaker is reset.
 */
public enum CircuitState {

    /** Calls run and their outcomes are recorded; the breaker trips when a condition holds. */
    CLOSED,

    /** Calls are rejected without running until the next retry time. */
    OPEN,

    /** A limited number of trial calls run to decide whether the downstream has recovered. */
    HALF_OPEN,

    /** An operator opened the breaker: every call is rejected until a reset. */
    FORCED_OPEN,

    /** An operator closed the breaker: every call runs and is counted, and it never trips. */
    FORCED_CLOSED;

    /**
     * Whether calls in this state are rejected without running.
     * @return {@code true} for {@link #OPEN} and {@link #FORCED_OPEN}
     */
    public boolean rejectsCalls() {
        return this == OPEN || this == FORCED_OPEN;
    }

    /**
     * The lower-case name used in metrics tags and JSON, for example {@code half_open}.
     * @return the tag value of this state
     */
    public String tagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
