package dev.breaker.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An asynchronous call through a breaker. Its outcome is recorded exactly once, by whichever
 * comes first: the call's stage completing, the caller cancelling the result, or the call
 * timeout expiring.
 */
final class AsyncCall {

    private AsyncCall() {
    }

    static <T> CompletionStage<T> execute(CircuitBreaker breaker, Supplier<? extends CompletionStage<T>> call,
            Duration timeout) {
        long ticket;
        try {
            ticket = breaker.acquirePermission();
        }
        catch (CircuitOpenException ex) {
            return CompletableFuture.failedFuture(ex);
        }
        BreakerClock clock = breaker.clock();
        long start = clock.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(call.get(), "the call returned no CompletionStage");
        }
        catch (Throwable ex) {
            breaker.onError(ticket, elapsed(clock, start), ex);
            return CompletableFuture.failedFuture(ex);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicBoolean recorded = new AtomicBoolean();
        stage.whenComplete((value, error) -> {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            Throwable cause = unwrap(error);
            if (cause == null) {
                breaker.onSuccess(ticket, elapsed(clock, start));
                result.complete(value);
                return;
            }
            if (cause instanceof CancellationException) {
                breaker.onCancelled(ticket, elapsed(clock, start));
            }
            else {
                breaker.onError(ticket, elapsed(clock, start), cause);
            }
            result.completeExceptionally(cause);
        });
        result.whenComplete((value, error) -> {
            if (error instanceof CancellationException && recorded.compareAndSet(false, true)) {
                breaker.onCancelled(ticket, elapsed(clock, start));
                cancelQuietly(stage);
            }
        });
        if (timeout != null && !result.isDone()) {
            ScheduledFuture<?> timer = Timeouts.scheduler().schedule(() -> {
                if (recorded.compareAndSet(false, true)) {
                    breaker.onTimeout(ticket, elapsed(clock, start));
                    cancelQuietly(stage);
                    result.completeExceptionally(new CallTimeoutException(breaker.name(), timeout));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((value, error) -> timer.cancel(false));
        }
        return result;
    }

    /** @return what a stage failed with, without the {@link CompletionException} a dependent stage wraps it in */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static long elapsed(BreakerClock clock, long start) {
        return Math.max(0, clock.nanoTime() - start);
    }

    private static void cancelQuietly(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        }
        catch (UnsupportedOperationException ex) {
            // a stage that cannot be turned into a future cannot be cancelled either
        }
    }
}
