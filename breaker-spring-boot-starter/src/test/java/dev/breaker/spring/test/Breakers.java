package dev.breaker.spring.test;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitState;

/**
 * Drives a breaker into a state through its public API, for tests that need it there.
 */
public final class Breakers {

    private Breakers() {
    }

    /**
     * Records failures through the breaker until it is {@link CircuitState#OPEN}, failing the
     * test if a hundred failures do not open it.
     * @param breaker the breaker to open
     */
    public static void trip(CircuitBreaker breaker) {
        for (int failures = 0; breaker.state() != CircuitState.OPEN; failures++) {
            if (failures == 100) {
                throw new AssertionError("Circuit breaker '" + breaker.name() + "' did not open");
            }
            try {
                breaker.run(() -> {
                    throw new IllegalStateException("down");
                });
            }
            catch (IllegalStateException expected) {
                // the failure the breaker counts
            }
        }
    }

}
