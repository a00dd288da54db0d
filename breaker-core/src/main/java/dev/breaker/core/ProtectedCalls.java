package dev.breaker.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a synchronous call runs through a breaker: take a permit, run, record the outcome once,
 * whatever the call throws. The clock is read for a duration only when something needs it (slow
 * calls, listeners); with {@code call-timeout} the call runs on another thread while the caller
 * waits at most that long.
 */
final class ProtectedCalls {

    private static final long NOT_TIMED = Long.MIN_VALUE;

    private ProtectedCalls() {
    }

    // get and execute are written out twice on purpose: one calling the other through a method
    // reference would allocate a lambda per call on the hot path, which must allocate nothing

    static <T> T get(CircuitBreaker through, Supplier<T> supplier) {
        if (through.context().config.callTimeout() != null) {
            return Unchecked.get(() -> timed(through, supplier::get));
        }
        CircuitBreaker breaker = through.entered();
        long period = breaker.acquire();
        long start = startTimer(breaker);
        T result;
        try {
            result = supplier.get();
        }
        catch (Throwable ex) {
            breaker.recordError(period, elapsedSince(breaker, start), ex);
            throw ex;
        }
        breaker.record(period, CallOutcome.SUCCESS, elapsedSince(breaker, start), null);
        return result;
    }

    static <T> T execute(CircuitBreaker through, CheckedSupplier<T> call) throws Throwable {
        if (through.context().config.callTimeout() != null) {
            return timed(through, call);
        }
        CircuitBreaker breaker = through.entered();
        long period = breaker.acquire();
        long start = startTimer(breaker);
        T result;
        try {
            result = call.get();
        }
        catch (Throwable ex) {
            breaker.recordError(period, elapsedSince(breaker, start), ex);
            throw ex;
        }
        breaker.record(period, CallOutcome.SUCCESS, elapsedSince(breaker, start), null);
        return result;
    }

    // NullAway: the result is null when the call returned null, and goes back as execute's untimed path returns it
    @SuppressWarnings({"unchecked", "NullAway"})
    private static <T> T timed(CircuitBreaker through, CheckedSupplier<T> call) throws Throwable {
        CircuitBreaker breaker = through.entered();
        long period = breaker.acquire();
        BreakerContext context = breaker.context();
        long start = context.clock.nanoTime();
        Duration timeout = Objects.requireNonNull(context.config.callTimeout());
        Object result;
        try {
            result = context.timeouts.call(call, timeout);
        }
        catch (Throwable ex) {
            breaker.recordError(period, elapsedSince(breaker, start), ex);
            throw ex;
        }
        if (result == CallTimeouts.CALLER_INTERRUPTED) {
            // the caller gave up, not the downstream: a cancellation, counted neither way
            breaker.record(period, CallOutcome.IGNORED, elapsedSince(breaker, start), null);
            throw new InterruptedException("Interrupted while waiting for a call through circuit breaker '"
                    + breaker.name() + "'");
        }
        if (result == CallTimeouts.TIMED_OUT) {
            breaker.record(period, CallOutcome.TIMEOUT, elapsedSince(breaker, start), null);
            throw new CallTimeoutException(breaker.name(), timeout);
        }
        breaker.record(period, CallOutcome.SUCCESS, elapsedSince(breaker, start), null);
        return (T) result;
    }

    private static long startTimer(CircuitBreaker breaker) {
        BreakerContext context = breaker.context();
        return context.slowNanos > 0 || breaker.hasListeners() ? context.clock.nanoTime() : NOT_TIMED;
    }

    private static long elapsedSince(CircuitBreaker breaker, long start) {
        return start == NOT_TIMED ? 0 : Math.max(0, breaker.clock().nanoTime() - start);
    }
}
