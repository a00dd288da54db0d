package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * OPEN: calls are rejected until {@link #openUntilMillis}; from then on the breaker reads and
 * acts HALF_OPEN. Shows the window that tripped it. One exception instance serves every
 * rejection of this period.
 */
final class OpenState extends BreakerState {

    /** When the breaker entered this state: time spent rejecting calls counts from here. */
    final long enteredAtMillis;

    private static final VarHandle REJECTION;

    static {
        try {
            REJECTION = MethodHandles.lookup().findVarHandle(OpenState.class, "rejection", CircuitOpenException.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final long openUntilMillis;
    final int failedRecoveries;
    final WindowCounts tripped;
    private volatile CircuitOpenException rejection;

    OpenState(long generation, long enteredAtMillis, long openUntilMillis, int failedRecoveries, WindowCounts tripped) {
        super(generation);
        this.enteredAtMillis = enteredAtMillis;
        this.openUntilMillis = openUntilMillis;
        this.failedRecoveries = failedRecoveries;
        this.tripped = tripped;
    }

    CircuitOpenException rejection(CircuitBreaker breaker) {
        CircuitOpenException exception = rejection;
        if (exception == null) {
            CircuitOpenException fresh = new CircuitOpenException(breaker.name(), breaker.key(), CircuitState.OPEN,
                    openUntilMillis, breaker.clock());
            Object witness = REJECTION.compareAndExchange(this, null, fresh);
            exception = witness == null ? fresh : (CircuitOpenException) witness;
        }
        return exception;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return tripped;
    }
}
