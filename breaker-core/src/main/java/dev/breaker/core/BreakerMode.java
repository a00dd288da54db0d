package dev.breaker.core;

/** Whether a breaker acts on its decisions. */
public enum BreakerMode {

    /** Rejects calls while OPEN or HALF_OPEN without a permit. */
    ENFORCE,

    /**
     * Trips, opens, half-opens and counts exactly as when enforcing, but runs every call: a call
     * it would have rejected is counted as a shadow rejection, and its outcome changes no state.
     * An operator's FORCED_OPEN is enforced all the same.
     */
    SHADOW
}
