package dev.breaker.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method through a named circuit breaker: while the breaker is OPEN the method is not
 * called and the caller gets a {@link dev.breaker.core.CircuitOpenException} (or the fallback's
 * result).
 *
 * <pre>{@code
 * @CircuitProtected(name = "payment", key = "#userId", fallbackMethod = "cachedQuote")
 * public Quote quote(String userId) { ... }
 *
 * Quote cachedQuote(String userId, Throwable error) { ... }
 * }</pre>
 *
 * <p>On a class, the annotation protects every public method declared by that class, except
 * {@code equals}, {@code hashCode} and {@code toString}; an annotation on a method takes
 * precedence over the one on its class.
 *
 * <h2>Breaker</h2>
 * {@link #name()} names the breaker. A breaker configured under {@code breaker.instances.<name>}
 * gets that configuration and exists from startup; any other name gets {@code breaker.defaults}
 * and is created on its first call. Retry configured for the breaker ({@code retry.max-attempts}
 * above 1) is applied around it: each attempt goes through the breaker, and no attempt is made
 * once it rejects calls.
 *
 * <h2>Return types</h2>
 * Plain values and {@code void}: the outcome is recorded when the method returns or throws.
 * {@link java.util.concurrent.CompletionStage} and {@link java.util.concurrent.CompletableFuture}:
 * when the returned stage completes. Reactor {@code Mono} and {@code Flux} (when Reactor is on
 * the class path): the method is called on each subscription and the outcome recorded when the
 * publisher terminates; a {@code Flux} cancelled after its first element counts as a success,
 * before it as ignored. For a {@code Flux} the call timeout bounds the wait for each element.
 *
 * <h2>Fallback</h2>
 * {@link #fallbackMethod()} names a method of the same bean, of any visibility, with the same
 * parameters as the protected method and optionally a trailing {@link Throwable} (or a subtype,
 * to handle only that exception), returning a type assignable to the protected method's return
 * type (the same {@code CompletionStage}, {@code Mono} or {@code Flux} type for asynchronous
 * methods). It is called instead of propagating a rejection
 * ({@link dev.breaker.core.CircuitOpenException}), a call timeout, or an exception the breaker
 * records as a failure; exceptions the breaker ignores or counts as successes, and
 * {@link Error}s, propagate unchanged. A fallback that does not exist or does not fit stops
 * the application at startup, naming the bean and the method.
 *
 * <h2>Proxies and self-invocation</h2>
 * The annotation works through a Spring AOP proxy around the bean. Only calls that come
 * <em>through the proxy</em> are protected: a call from one method of the bean to another
 * ({@code this.quote(...)}) bypasses the proxy and runs unprotected, as do calls to
 * {@code private} or {@code static} methods (which are rejected at startup when annotated) and,
 * with class-based proxies, to {@code final} methods. Call the protected method from another
 * bean, or inject the bean into itself lazily, when one method must call another through the
 * breaker.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CircuitProtected {

    /**
     * The breaker's name, as under {@code breaker.instances}.
     * @return the breaker's name
     */
    String name();

    /**
     * A SpEL expression over the method's parameters ({@code #userId}, or {@code #p0} by
     * position) that selects a keyed child of the breaker, so that each user, tenant or host
     * has its own state. Empty (the default) uses the breaker itself, and so does an
     * expression that evaluates to {@code null}.
     * @return the key expression, or empty
     */
    String key() default "";

    /**
     * The name of a method on the same bean called on rejection and on failure; empty for
     * none. See the class documentation for the signatures it may have.
     * @return the fallback method's name, or empty
     */
    String fallbackMethod() default "";
}
