package dev.breaker.core;

/** FORCED_OPEN: every call is rejected until an operator resets the breaker; no retry time. */
final class ForcedOpenState extends BreakerState {

    final WindowCounts frozen;
    private volatile CircuitOpenException rejection;

    ForcedOpenState(long generation, long enteredAtMillis, WindowCounts frozen) {
        super(CircuitState.FORCED_OPEN, generation, enteredAtMillis);
        this.frozen = frozen;
    }

    CircuitOpenException rejection(CircuitBreaker breaker) {
        CircuitOpenException exception = rejection;
        if (exception == null) {
            exception = new CircuitOpenException(breaker.name(), breaker.key(), CircuitState.FORCED_OPEN, -1,
                    breaker.clock());
            rejection = exception;
        }
        return exception;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return frozen;
    }
}
