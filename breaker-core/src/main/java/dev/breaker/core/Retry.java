package dev.breaker.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Bounded retry with exponential backoff and jitter, around a circuit breaker: each attempt
 * goes through the breaker, never more than {@code max-attempts} in all, and none once the
 * breaker rejects calls: the caller then gets the {@link CircuitOpenException}.
 *
 * <p>Only failures are retried (timeouts included): an exception the breaker ignores or counts
 * as a success is returned at once, and so is an {@link Error}.
 */
public final class Retry {

    private final CircuitBreaker breaker;
    private final RetryConfig config;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    private Retry(CircuitBreaker breaker, RetryConfig config, Sleeper sleeper, DoubleSupplier random) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Retry as the breaker's configuration says ({@link CircuitBreakerConfig#retry()}).
     * @param breaker the breaker each attempt goes through
     * @return the retry
     */
    public static Retry of(CircuitBreaker breaker) {
        return of(breaker, breaker.config().retry());
    }

    /**
     * Retry with its own configuration.
     * @param breaker the breaker each attempt goes through
     * @param config how to retry
     * @return the retry
     */
    public static Retry of(CircuitBreaker breaker, RetryConfig config) {
        return new Retry(breaker, config, Sleeper.THREAD, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A copy that waits and draws jitter through the given functions, for tests.
     * @param sleeper waits between attempts
     * @param random the source of jitter, values in [0, 1)
     * @return the copy
     */
    public Retry with(Sleeper sleeper, DoubleSupplier random) {
        return new Retry(breaker, config, sleeper, random);
    }

    /**
     * Runs the call, retrying failures.
     * @param <T> the result type
     * @param call the call
     * @return the result of the first attempt that succeeds
     * @throws Throwable the last attempt's exception, or {@link CircuitOpenException}
     */
    public <T> T execute(CheckedSupplier<T> call) throws Throwable {
        for (int attempt = 1;; attempt++) {
            try {
                return breaker.execute(call);
            }
            catch (Throwable ex) {
                if (!shouldRetry(ex, attempt)) {
                    throw ex;
                }
            }
            if (!breaker.state().rejectsCalls()) {
                sleeper.sleep(delayBefore(attempt + 1));
            }
        }
    }

    /**
     * Runs the call, retrying failures.
     * @param <T> the result type
     * @param call the call
     * @return the result of the first attempt that succeeds
     */
    public <T> T get(Supplier<T> call) {
        return Unchecked.get(() -> execute(call::get));
    }

    /**
     * Runs an asynchronous call, retrying failures after a delay that blocks no thread.
     * @param <T> the result type
     * @param call starts one attempt
     * @return a stage that completes with the first success or the last failure
     */
    public <T> CompletionStage<T> executeAsync(Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attemptAsync(call, 1, result);
        return result;
    }

    private <T> void attemptAsync(Supplier<? extends CompletionStage<T>> call, int attempt, CompletableFuture<T> result) {
        breaker.executeAsync(call).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = AsyncCall.unwrap(error);
            if (!shouldRetry(cause, attempt) || result.isDone()) {
                result.completeExceptionally(cause);
                return;
            }
            Duration delay = breaker.state().rejectsCalls() ? Duration.ZERO : delayBefore(attempt + 1);
            Executor later = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
            later.execute(() -> attemptAsync(call, attempt + 1, result));
        });
    }

    private boolean shouldRetry(Throwable error, int attempt) {
        return attempt < config.maxAttempts() && breaker.config().isRetryable(error);
    }

    /**
     * The wait before an attempt, backed off, capped and jittered.
     * @param attempt the attempt that follows the wait, 2 for the first retry
     * @return the wait
     */
    public Duration delayBefore(int attempt) {
        double nanos = config.backoffBefore(attempt).toNanos();
        if (config.jitter() > 0) {
            nanos *= 1 + config.jitter() * (2 * random.getAsDouble() - 1);
        }
        return Duration.ofNanos(Math.max(0, Math.min((long) nanos, config.maxBackoff().toNanos())));
    }

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {

        /** Waits with {@link Thread#sleep}, which parks a virtual thread without pinning it. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

        /**
         * Waits.
         * @param duration how long
         * @throws InterruptedException if interrupted while waiting
         */
        void sleep(Duration duration) throws InterruptedException;
    }
}
