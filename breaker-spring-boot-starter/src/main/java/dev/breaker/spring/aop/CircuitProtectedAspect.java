package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.Retry;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;

/**
 * Runs {@link dev.breaker.spring.CircuitProtected} methods through their breaker, with the
 * breaker's retry around it and the fallback on rejection and failure. Blocking methods are
 * recorded when they return; {@code CompletionStage}s when they complete; Reactor publishers
 * when they terminate (see {@link ReactorCalls}).
 */
@Aspect
public class CircuitProtectedAspect {

    private final CircuitBreakerRegistry registry;

    private final CircuitProtectedMethods methods;

    /**
     * Creates the aspect.
     * @param registry where the breakers live
     * @param methods the resolved protected methods
     */
    public CircuitProtectedAspect(CircuitBreakerRegistry registry, CircuitProtectedMethods methods) {
        this.registry = registry;
        this.methods = methods;
    }

    /**
     * Protects one call.
     * @param joinPoint the call
     * @return what the method or its fallback returns
     * @throws Throwable what the method or its fallback throws, or the breaker's rejection
     */
    @Around("@annotation(dev.breaker.spring.CircuitProtected) || (@within(dev.breaker.spring.CircuitProtected) "
            + "&& execution(public * *(..)) && !execution(* java.lang.Object.*(..)))")
    public @Nullable Object protect(ProceedingJoinPoint joinPoint) throws Throwable {
        Object target = joinPoint.getTarget();
        Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
        ProtectedMethod protectedMethod = this.methods.get(method, AopUtils.getTargetClass(target));
        if (protectedMethod == null) {
            return joinPoint.proceed();
        }
        Object[] args = joinPoint.getArgs();
        CircuitBreaker breaker = protectedMethod.breaker(this.registry, target, args);
        return switch (protectedMethod.kind()) {
            case VALUE -> callBlocking(joinPoint, protectedMethod, breaker, target, args);
            case STAGE -> callAsync(joinPoint, protectedMethod, breaker, target, args);
            case MONO, FLUX -> ReactorCalls.call(joinPoint, protectedMethod, breaker, target, args);
        };
    }

    private @Nullable Object callBlocking(ProceedingJoinPoint joinPoint, ProtectedMethod protectedMethod,
            CircuitBreaker breaker, Object target, @Nullable Object[] args) throws Throwable {
        try {
            return RetryRule.retries(breaker) ? Retry.of(breaker).execute(joinPoint::proceed)
                    : breaker.execute(joinPoint::proceed);
        }
        catch (Throwable ex) {
            return protectedMethod.recover(breaker, target, args, ex);
        }
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> callAsync(ProceedingJoinPoint joinPoint, ProtectedMethod protectedMethod,
            CircuitBreaker breaker, Object target, @Nullable Object[] args) {
        Supplier<CompletionStage<Object>> call = () -> (CompletionStage<Object>) Proceed.unchecked(joinPoint);
        CompletionStage<Object> stage = RetryRule.retries(breaker) ? Retry.of(breaker).executeAsync(call)
                : breaker.executeAsync(call);
        if (protectedMethod.fallback() != null) {
            stage = stage.handle((value, error) -> (error != null)
                    ? recoverAsync(protectedMethod, breaker, target, args, error)
                    : CompletableFuture.completedStage(value))
                .thenCompose(Function.identity());
        }
        return stage.toCompletableFuture();
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> recoverAsync(ProtectedMethod protectedMethod, CircuitBreaker breaker,
            Object target, @Nullable Object[] args, Throwable error) {
        Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
        try {
            Object result = protectedMethod.recover(breaker, target, args, cause);
            return (result != null) ? (CompletionStage<Object>) result : CompletableFuture.completedStage(null);
        }
        catch (Throwable ex) {
            return CompletableFuture.failedStage(ex);
        }
    }
}
