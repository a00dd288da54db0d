package dev.breaker.core;

/** Why a circuit breaker changed state. */
public enum TransitionReason {

    /** The failure rate over the window reached the threshold. */
    FAILURE_RATE,

    /** Failures in a row reached the threshold. */
    CONSECUTIVE_FAILURES,

    /** The slow-call rate over the window reached the threshold. */
    SLOW_CALL_RATE,

    /** The open wait elapsed: trial calls are admitted. */
    WAIT_ELAPSED,

    /** Enough trial calls succeeded. */
    TRIAL_SUCCEEDED,

    /** A trial call failed. */
    TRIAL_FAILED,

    /** The half-open trial calls did not decide within the half-open max wait. */
    HALF_OPEN_TIMEOUT,

    /** An operator reset the breaker. */
    RESET,

    /** An operator forced the breaker open. */
    FORCED_OPEN,

    /** An operator forced the breaker closed. */
    FORCED_CLOSED,

    /** Another instance changed the shared state. */
    SHARED_STATE,

    /** The downstream asked callers to wait (a retry hint such as {@code Retry-After}), which set the open wait. */
    RETRY_AFTER,

    /** An operator's timed override ran out: the breaker is back to CLOSED, as after a reset. */
    OVERRIDE_EXPIRED
}
