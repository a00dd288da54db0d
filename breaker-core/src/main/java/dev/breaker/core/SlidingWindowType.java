package dev.breaker.core;

/** How a circuit breaker's sliding window is measured. */
public enum SlidingWindowType {

    /** The window holds the last N recorded calls. */
    COUNT,

    /** The window holds the calls recorded in the last period of time. */
    TIME
}
