package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.Retry;
import dev.breaker.spring.observation.BreakerObservations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs {@link dev.breaker.spring.CircuitProtected} methods through their breaker, with the
 * breaker's retry around it and the fallback on rejection and failure. Blocking methods are
 * recorded when they return; {@code CompletionStage}s when they complete; Reactor publishers
 * when they terminate (see {@link ReactorCalls}). Which methods it intercepts is decided once
 * per method by {@link CircuitProtectedAdvisor}'s pointcut; each call then looks up its
 * already resolved method and breaker.
 */
public final class CircuitProtectedInterceptor implements MethodInterceptor {

    private final Supplier<CircuitBreakerRegistry> registry;

    private final Supplier<CircuitProtectedMethods> methods;

    private final Supplier<@Nullable BreakerObservations> observations;

    /**
     * Creates the interceptor.
     * @param registry where the breakers live
     * @param methods the resolved protected methods
     */
    public CircuitProtectedInterceptor(CircuitBreakerRegistry registry, CircuitProtectedMethods methods) {
        this(() -> registry, () -> methods);
    }

    /**
     * Creates an interceptor that looks up its collaborators on its first call, so that
     * creating it early, as proxy infrastructure is, creates nothing else.
     * @param registry supplies where the breakers live
     * @param methods supplies the resolved protected methods
     */
    public CircuitProtectedInterceptor(Supplier<CircuitBreakerRegistry> registry,
            Supplier<CircuitProtectedMethods> methods) {
        this(registry, methods, () -> null);
    }

    /**
     * Creates an interceptor that looks up its collaborators on its first call, and observes
     * the calls of methods that return a value.
     * @param registry supplies where the breakers live
     * @param methods supplies the resolved protected methods
     * @param observations supplies what observes each call, or {@code null} for nothing
     */
    public CircuitProtectedInterceptor(Supplier<CircuitBreakerRegistry> registry,
            Supplier<CircuitProtectedMethods> methods, Supplier<@Nullable BreakerObservations> observations) {
        this.registry = SingletonSupplier.of(registry);
        this.methods = SingletonSupplier.of(methods);
        this.observations = SingletonSupplier.ofNullable(observations);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        if (target == null) {
            return invocation.proceed();
        }
        ProtectedMethod protectedMethod = this.methods.get().get(invocation.getMethod(), AopUtils.getTargetClass(target));
        if (protectedMethod == null) {
            return invocation.proceed();
        }
        @Nullable Object[] args = invocation.getArguments();
        CircuitBreaker breaker = protectedMethod.breaker(this.registry.get(), target, args);
        return switch (protectedMethod.kind()) {
            case VALUE -> callBlocking(invocation, protectedMethod, breaker, target, args, this.observations.get());
            case STAGE -> callAsync(invocation, protectedMethod, breaker, target, args);
            case MONO, FLUX -> ReactorCalls.call(invocation, protectedMethod, breaker, target, args);
        };
    }

    // NullAway: a proxied method returns null when it is void, and the breaker hands that null back;
    // outside its JSpecify mode NullAway takes a breaker call's result type as non-null
    @SuppressWarnings("NullAway")
    private static @Nullable Object callBlocking(MethodInvocation invocation, ProtectedMethod protectedMethod,
            CircuitBreaker breaker, Object target, @Nullable Object[] args, @Nullable BreakerObservations observations)
            throws Throwable {
        try {
            return (observations != null) ? observations.observe(breaker, () -> execute(invocation, breaker))
                    : execute(invocation, breaker);
        }
        catch (Throwable ex) {
            return protectedMethod.recover(breaker, target, args, ex);
        }
    }

    @SuppressWarnings("NullAway") // as callBlocking
    private static @Nullable Object execute(MethodInvocation invocation, CircuitBreaker breaker) throws Throwable {
        return RetryRule.retries(breaker) ? Retry.of(breaker).execute(() -> Proceed.again(invocation))
                : breaker.execute(invocation::proceed);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> callAsync(MethodInvocation invocation, ProtectedMethod protectedMethod,
            CircuitBreaker breaker, Object target, @Nullable Object[] args) {
        Supplier<CompletionStage<Object>> call = () -> (CompletionStage<Object>) Proceed.againUnchecked(invocation);
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
