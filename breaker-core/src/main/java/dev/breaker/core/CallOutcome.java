package dev.breaker.core;

/** How a call through a circuit breaker ended. */
public enum CallOutcome {

    /** The call returned normally, or threw an exception that is not recorded as a failure. */
    SUCCESS,

    /** The call threw an exception recorded as a failure. */
    FAILURE,

    /** The call threw an ignored exception, or was cancelled: counted neither way. */
    IGNORED,

    /** The call ran past the call timeout; it counts as a failure. */
    TIMEOUT,

    /** The breaker rejected the call without running it. */
    REJECTED,

    /** A breaker in shadow mode ran a call it would have rejected; its outcome changes no state. */
    SHADOW_REJECTED;

    /**
     * The lower-case name used in metrics tags.
     * @return the tag value of this outcome
     */
    public String tagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
