package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * Observes circuit breakers: state transitions and call outcomes. Listeners run on the thread
 * that caused the event, outside any lock; an exception thrown by a listener is logged and
 * never reaches the call. Keep {@link #onCallOutcome} cheap: it runs on every call.
 */
public interface CircuitBreakerListener {

    /**
     * Called after a breaker changed state.
     * @param transition what changed
     */
    default void onStateTransition(StateTransition transition) {
    }

    /**
     * Called after a call's outcome was recorded, or after a call was rejected.
     * @param breaker the breaker (a keyed child for keyed calls)
     * @param outcome how the call ended
     * @param durationNanos how long it ran; 0 for rejections, and when durations are not measured
     * @param error what the call threw, or {@code null}
     */
    default void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos,
            @Nullable Throwable error) {
    }

    /**
     * Called after a named breaker (and with it its keyed children) took a new configuration.
     * @param event what changed
     */
    default void onReconfigured(BreakerReconfiguredEvent event) {
    }
}
