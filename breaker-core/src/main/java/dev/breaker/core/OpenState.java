package dev.breaker.core;

/**
 * OPEN: calls are rejected until {@link #openUntilMillis}; from then on the breaker reads and
 * acts HALF_OPEN. Shows the window that tripped it. One exception instance serves every
 * rejection of this period.
 */
final class OpenState extends BreakerState {

    final long openUntilMillis;
    final int failedRecoveries;
    final WindowCounts tripped;
    private volatile CircuitOpenException rejection;

    OpenState(long generation, long enteredAtMillis, long openUntilMillis, int failedRecoveries, WindowCounts tripped) {
        super(CircuitState.OPEN, generation, enteredAtMillis);
        this.openUntilMillis = openUntilMillis;
        this.failedRecoveries = failedRecoveries;
        this.tripped = tripped;
    }

    CircuitOpenException rejection(CircuitBreaker breaker) {
        CircuitOpenException exception = rejection;
        if (exception == null) {
            exception = new CircuitOpenException(breaker.name(), breaker.key(), CircuitState.OPEN, openUntilMillis,
                    breaker.clock());
            rejection = exception;
        }
        return exception;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return tripped;
    }
}
