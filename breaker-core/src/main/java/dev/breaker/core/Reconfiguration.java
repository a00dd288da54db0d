package dev.breaker.core;

import java.time.Instant;

/**
 * A named breaker taking a new configuration, with its keyed children: they read their parent's
 * configuration, so one write reaches them all. The state, the retry time, the backoff step,
 * half-open permits and lifetime statistics stay. The window stays when its type and size are
 * unchanged and starts empty otherwise (a new period of the same state, so that calls admitted
 * before end late). In a HALF_OPEN period, trials already admitted finish; the new permits,
 * success threshold and max wait apply from the next decision.
 */
final class Reconfiguration {

    private Reconfiguration() {
    }

    static void apply(CircuitBreaker breaker, BreakerContext next) {
        CircuitBreakerConfig previous = breaker.config();
        breaker.replaceContext(next);
        long now = next.clock.millis();
        boolean windowReset = previous.slidingWindowType() != next.config.slidingWindowType()
                || previous.slidingWindowSize() != next.config.slidingWindowSize()
                || !previous.slidingWindowDuration().equals(next.config.slidingWindowDuration());
        if (windowReset) {
            emptyWindow(breaker, now);
            breaker.children().forEach(child -> emptyWindow(child, now));
            breaker.overflowChild().ifPresent(child -> emptyWindow(child, now));
        }
        Listeners listeners = breaker.listeners();
        if (!listeners.isEmpty()) {
            listeners.reconfigured(new BreakerReconfiguredEvent(breaker.name(), previous, next.config,
                    BreakerReconfiguredEvent.changes(previous, next.config), windowReset, Instant.ofEpochMilli(now)));
        }
    }

    /** Starts a window of the configured shape for a CLOSED or FORCED_CLOSED breaker; no transition. */
    private static void emptyWindow(CircuitBreaker breaker, long now) {
        for (;;) {
            BreakerState s = breaker.current(now);
            SlidingWindow window = SlidingWindow.of(breaker.config());
            BreakerState fresh = s instanceof ClosedState ? new ClosedState(s.period + 1, window)
                    : s instanceof ForcedClosedState forced ? new ForcedClosedState(s.period + 1, window, forced.override)
                    : s;
            if (fresh == s || breaker.replaceQuietly(s, fresh)) {
                breaker.rare().set(RareCounters.WINDOW_RESET_AT, now);
                return;
            }
        }
    }
}
