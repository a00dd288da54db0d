package dev.breaker.spring.aop;

import dev.breaker.core.CallTimeoutException;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.Retry;
import java.time.Duration;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Protects methods that return a Reactor {@code Mono} or {@code Flux}. Each subscription asks
 * the breaker for permission, calls the method, and records the outcome when the publisher
 * terminates; retries resubscribe, and the fallback answers the final error. Loaded only when
 * Reactor is on the class path.
 */
final class ReactorCalls {

    private ReactorCalls() {
    }

    static @Nullable ReturnKind kindOf(Class<?> returnType) {
        if (returnType == Mono.class) {
            return ReturnKind.MONO;
        }
        if (returnType == Flux.class) {
            return ReturnKind.FLUX;
        }
        return null;
    }

    static Object call(MethodInvocation invocation, ProtectedMethod protectedMethod, CircuitBreaker breaker,
            Object target, @Nullable Object[] args) {
        if (protectedMethod.kind() == ReturnKind.MONO) {
            Mono<Object> mono = Mono.defer(() -> guard(invocation, breaker));
            if (RetryRule.retries(breaker)) {
                mono = mono.retryWhen(retry(breaker));
            }
            if (protectedMethod.fallback() != null) {
                mono = mono.onErrorResume((error) -> Mono.from(recover(protectedMethod, breaker, target, args, error)));
            }
            return mono;
        }
        Flux<Object> flux = Flux.defer(() -> guardMany(invocation, breaker));
        if (RetryRule.retries(breaker)) {
            flux = flux.retryWhen(retry(breaker));
        }
        if (protectedMethod.fallback() != null) {
            flux = flux.onErrorResume((error) -> recover(protectedMethod, breaker, target, args, error));
        }
        return flux;
    }

    @SuppressWarnings("unchecked")
    private static Mono<Object> guard(MethodInvocation invocation, CircuitBreaker breaker) {
        CallRecorder recorder = CallRecorder.admit(breaker);
        Mono<Object> source;
        try {
            source = (Mono<Object>) Proceed.again(invocation);
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

    @SuppressWarnings("unchecked")
    private static Flux<Object> guardMany(MethodInvocation invocation, CircuitBreaker breaker) {
        CallRecorder recorder = CallRecorder.admit(breaker);
        Flux<Object> source;
        try {
            source = (Flux<Object>) Proceed.again(invocation);
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

    @SuppressWarnings("unchecked")
    private static Publisher<Object> recover(ProtectedMethod protectedMethod, CircuitBreaker breaker, Object target,
            @Nullable Object[] args, Throwable error) {
        try {
            Object result = protectedMethod.recover(breaker, target, args, error);
            return (result != null) ? (Publisher<Object>) result : Mono.empty();
        }
        catch (Throwable ex) {
            return Mono.error(ex);
        }
    }
}
