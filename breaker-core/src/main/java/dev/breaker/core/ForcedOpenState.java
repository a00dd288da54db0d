package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** FORCED_OPEN: every call is rejected until an operator resets the breaker; no retry time. */
final class ForcedOpenState extends BreakerState {

    /** When the breaker entered this state: time spent rejecting calls counts from here. */
    final long enteredAtMillis;

    private static final VarHandle REJECTION;

    static {
        try {
            REJECTION = MethodHandles.lookup().findVarHandle(ForcedOpenState.class, "rejection",
                    CircuitOpenException.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final WindowCounts frozen;
    private volatile CircuitOpenException rejection;

    ForcedOpenState(long generation, long enteredAtMillis, WindowCounts frozen) {
        super(generation);
        this.enteredAtMillis = enteredAtMillis;
        this.frozen = frozen;
    }

    CircuitOpenException rejection(CircuitBreaker breaker) {
        CircuitOpenException exception = rejection;
        if (exception == null) {
            CircuitOpenException fresh = new CircuitOpenException(breaker.name(), breaker.key(),
                    CircuitState.FORCED_OPEN, -1, breaker.clock());
            Object witness = REJECTION.compareAndExchange(this, null, fresh);
            exception = witness == null ? fresh : (CircuitOpenException) witness;
        }
        return exception;
    }

    @Override
    WindowCounts counts(long nowMillis) {
        return frozen;
    }
}
