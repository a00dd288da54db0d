package dev.breaker.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous call through a breaker. Its outcome is recorded exactly once, by whichever
 * comes first: the call's stage completing, the caller cancelling the result, or the call
 * timeout expiring.
 */
final class AsyncCall {

    private AsyncCall() {
    }

    static <T> CompletionStage<T> execute(CircuitBreaker breaker, Supplier<? extends CompletionStage<T>> call,
            @Nullable Duration timeout, CallTimeouts timeouts) {
        AdmittedCall admitted;
        try {
            admitted = breaker.admit();
        }
        catch (CircuitOpenException ex) {
            return CompletableFuture.failedFuture(ex);
        }
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(call.get(), "the call returned no CompletionStage");
        }
        catch (Throwable ex) {
            admitted.failed(ex);
            return CompletableFuture.failedFuture(ex);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            Throwable cause = unwrap(error);
            if (cause == null) {
                if (admitted.succeeded()) {
                    result.complete(value);
                }
            }
            else if (cause instanceof CancellationException ? admitted.cancelled() : admitted.failed(cause)) {
                result.completeExceptionally(cause);
            }
        });
        result.whenComplete((value, error) -> {
            if (error instanceof CancellationException && admitted.cancelled()) {
                cancelQuietly(stage);
            }
        });
        if (timeout != null && !result.isDone()) {
            ScheduledFuture<?> timer = timeouts.scheduler().schedule(() -> {
                if (admitted.timedOut()) {
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

    private static void cancelQuietly(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        }
        catch (UnsupportedOperationException ex) {
            // a stage that cannot be turned into a future cannot be cancelled either
        }
    }
}
