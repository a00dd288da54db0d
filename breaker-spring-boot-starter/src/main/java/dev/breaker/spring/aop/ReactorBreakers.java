package dev.breaker.spring.aop;

import dev.breaker.core.CallTimeoutException;
import dev.breaker.core.CheckedSupplier;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.Retry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs Reactor publishers through a breaker: each subscription asks the breaker for
 * permission, creates the publisher, and records the outcome when it terminates; with
 * {@code retry.max-attempts} above 1, failures resubscribe as the breaker's retry settings
 * say, and a rejection ends the retries. A rejection is an error signal carrying the
 * {@link dev.breaker.core.CircuitOpenException}. Used by {@code @CircuitProtected} methods that
 * return a {@code Mono} or {@code Flux}, and by other integrations that protect publishers.
 */
public final class ReactorBreakers {

    private ReactorBreakers() {
    }

    /**
     * Protects the {@code Mono}s a source creates, one per subscription.
     * @param <T> the element type
     * @param breaker the breaker
     * @param source creates the {@code Mono} to run; may throw, which counts as the call's error
     * @return the protected {@code Mono}
     */
    public static <T> Mono<T> mono(CircuitBreaker breaker, CheckedSupplier<? extends @Nullable Mono<T>> source) {
        Mono<T> mono = Mono.defer(() -> guard(breaker, source));
        return RetryRule.retries(breaker) ? mono.retryWhen(retry(breaker)) : mono;
    }

    /**
     * Protects the {@code Flux}es a source creates, one per subscription.
     * @param <T> the element type
     * @param breaker the breaker
     * @param source creates the {@code Flux} to run; may throw, which counts as the call's error
     * @return the protected {@code Flux}
     */
    public static <T> Flux<T> flux(CircuitBreaker breaker, CheckedSupplier<? extends @Nullable Flux<T>> source) {
        Flux<T> flux = Flux.defer(() -> guardMany(breaker, source));
        return RetryRule.retries(breaker) ? flux.retryWhen(retry(breaker)) : flux;
    }

    private static <T> Mono<T> guard(CircuitBreaker breaker, CheckedSupplier<? extends @Nullable Mono<T>> create) {
        CallRecorder recorder = CallRecorder.admit(breaker);
        Mono<T> source;
        try {
            source = create.get();
        }
        catch (Throwable ex) {
            recorder.error(ex);
            return Mono.error(ex);
        }
        if (source == null) {
            source = Mono.empty();
        }
        Duration timeout = breaker.config().callTimeout();
        if (timeout != null) {
            source = source.timeout(timeout, Mono.defer(() -> timedOut(recorder, breaker, timeout)));
        }
        return source.doOnSuccess((value) -> recorder.success()).doOnError(recorder::error).doOnCancel(recorder::cancel);
    }

    private static <T> Flux<T> guardMany(CircuitBreaker breaker, CheckedSupplier<? extends @Nullable Flux<T>> create) {
        CallRecorder recorder = CallRecorder.admit(breaker);
        Flux<T> source;
        try {
            source = create.get();
        }
        catch (Throwable ex) {
            recorder.error(ex);
            return Flux.error(ex);
        }
        if (source == null) {
            source = Flux.empty();
        }
        Duration timeout = breaker.config().callTimeout();
        if (timeout != null) {
            source = source.timeout(timeout, Flux.defer(() -> timedOut(recorder, breaker, timeout)));
        }
        return source.doOnNext((value) -> recorder.emitted())
            .doOnComplete(recorder::success)
            .doOnError(recorder::error)
            .doOnCancel(recorder::cancel);
    }

    private static <T> Mono<T> timedOut(CallRecorder recorder, CircuitBreaker breaker, Duration timeout) {
        recorder.timeout();
        return Mono.error(new CallTimeoutException(breaker.name(), timeout));
    }

    private static reactor.util.retry.Retry retry(CircuitBreaker breaker) {
        Retry delays = Retry.of(breaker);
        return reactor.util.retry.Retry.from((signals) -> signals.concatMap((signal) -> {
            int attemptsMade = (int) signal.totalRetries() + 1;
            Throwable failure = signal.failure();
            if (!RetryRule.shouldRetry(breaker, failure, attemptsMade)) {
                return Mono.error(failure);
            }
            Duration delay = breaker.state().rejectsCalls() ? Duration.ZERO : delays.delayBefore(attemptsMade + 1);
            return Mono.delay(delay);
        }));
    }
}
