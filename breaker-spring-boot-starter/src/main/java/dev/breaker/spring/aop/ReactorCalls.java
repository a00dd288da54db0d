package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Protects methods that return a Reactor {@code Mono} or {@code Flux} through
 * {@link ReactorBreakers}: each subscription calls the method again, and the fallback answers
 * the final error. Loaded only when Reactor is on the class path.
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

    // NullAway: the suppliers' @Nullable type arguments are read only in NullAway's JSpecify mode
    @SuppressWarnings({"unchecked", "NullAway"})
    static Object call(MethodInvocation invocation, ProtectedMethod protectedMethod, CircuitBreaker breaker,
            Object target, @Nullable Object[] args) {
        if (protectedMethod.kind() == ReturnKind.MONO) {
            Mono<Object> mono = ReactorBreakers.mono(breaker, () -> (Mono<Object>) Proceed.again(invocation));
            if (protectedMethod.fallback() != null) {
                mono = mono.onErrorResume((error) -> Mono.from(recover(protectedMethod, breaker, target, args, error)));
            }
            return mono;
        }
        Flux<Object> flux = ReactorBreakers.flux(breaker, () -> (Flux<Object>) Proceed.again(invocation));
        if (protectedMethod.fallback() != null) {
            flux = flux.onErrorResume((error) -> recover(protectedMethod, breaker, target, args, error));
        }
        return flux;
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
