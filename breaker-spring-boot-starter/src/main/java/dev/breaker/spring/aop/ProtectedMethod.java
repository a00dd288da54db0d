package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.CircuitProtected;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * A {@link CircuitProtected} method, resolved once: its breaker's name, its parsed key
 * expression, its checked fallback and how it returns its outcome.
 */
final class ProtectedMethod {

    private static final SpelExpressionParser parser = new SpelExpressionParser();

    private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

    private final Method method;

    private final String breakerName;

    private final @Nullable Expression key;

    private final @Nullable FallbackMethod fallback;

    private final ReturnKind kind;

    private ProtectedMethod(Method method, String breakerName, @Nullable Expression key,
            @Nullable FallbackMethod fallback, ReturnKind kind) {
        this.method = method;
        this.breakerName = breakerName;
        this.key = key;
        this.fallback = fallback;
        this.kind = kind;
    }

    /**
     * The annotation that applies to a method: its own, else its class's.
     * @param method the method
     * @param targetClass the class of the bean
     * @return the annotation, or {@code null} when the method is not protected
     */
    static @Nullable CircuitProtected annotationOf(Method method, Class<?> targetClass) {
        CircuitProtected own = AnnotatedElementUtils.findMergedAnnotation(method, CircuitProtected.class);
        if (own != null) {
            return own;
        }
        CircuitProtected declared = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(),
                CircuitProtected.class);
        return (declared != null) ? declared
                : AnnotatedElementUtils.findMergedAnnotation(targetClass, CircuitProtected.class);
    }

    /**
     * Resolves and checks a protected method.
     * @param method the method, as declared by the bean's class
     * @param targetClass the class of the bean
     * @param beanName the bean's name, for errors, or {@code null}
     * @param reactorPresent whether Reactor is on the class path
     * @return the method, or {@code null} when it carries no annotation
     * @throws InvalidCircuitProtectedException when the method cannot be protected as written
     */
    static @Nullable ProtectedMethod resolve(Method method, Class<?> targetClass, @Nullable String beanName,
            boolean reactorPresent) {
        CircuitProtected annotation = annotationOf(method, targetClass);
        if (annotation == null) {
            return null;
        }
        if (Modifier.isPrivate(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
            throw new InvalidCircuitProtectedException(beanName, method,
                    "a proxy cannot intercept a private or static method",
                    "Make the method public and not static, or remove @CircuitProtected from it.");
        }
        if (annotation.name().isBlank()) {
            throw new InvalidCircuitProtectedException(beanName, method, "the breaker's name is empty",
                    "Name the breaker: @CircuitProtected(name = \"payment\").");
        }
        RetryableRule.check(method, targetClass, beanName);
        Expression key = parseKey(method, annotation.key(), beanName);
        ReturnKind kind = kindOf(method, beanName, reactorPresent);
        FallbackMethod fallback = annotation.fallbackMethod().isEmpty() ? null
                : FallbackMethod.find(method, targetClass, annotation.fallbackMethod(), beanName);
        return new ProtectedMethod(method, annotation.name(), key, fallback, kind);
    }

    private static @Nullable Expression parseKey(Method method, String key, @Nullable String beanName) {
        if (key.isBlank()) {
            return null;
        }
        try {
            return parser.parseExpression(key);
        }
        catch (ParseException ex) {
            throw new InvalidCircuitProtectedException(beanName, method,
                    "its key expression '" + key + "' does not parse: " + ex.getMessage(),
                    "Correct the key in @CircuitProtected, for example key = \"#userId\".");
        }
    }

    private static ReturnKind kindOf(Method method, @Nullable String beanName, boolean reactorPresent) {
        Class<?> type = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(type)) {
            if (!type.isAssignableFrom(CompletableFuture.class)) {
                throw new InvalidCircuitProtectedException(beanName, method,
                        "it returns " + type.getName() + ", an asynchronous type the breaker cannot return",
                        "Declare the method to return CompletionStage or CompletableFuture.");
            }
            return ReturnKind.STAGE;
        }
        if (reactorPresent) {
            ReturnKind reactive = ReactorCalls.kindOf(type);
            if (reactive != null) {
                return reactive;
            }
        }
        return ReturnKind.VALUE;
    }

    /**
     * The breaker a call goes through: the named breaker, or its keyed child when the key
     * expression gives a value.
     * @param registry where breakers live
     * @param target the bean
     * @param args the call's arguments
     * @return the breaker
     */
    CircuitBreaker breaker(CircuitBreakerRegistry registry, Object target, @Nullable Object[] args) {
        CircuitBreaker breaker = registry.breaker(this.breakerName);
        if (this.key == null) {
            return breaker;
        }
        Object value = this.key.getValue(new MethodBasedEvaluationContext(target, this.method, args, parameterNames));
        return (value != null) ? breaker.child(value.toString()) : breaker;
    }

    Method method() {
        return this.method;
    }

    String breakerName() {
        return this.breakerName;
    }

    @Nullable FallbackMethod fallback() {
        return this.fallback;
    }

    ReturnKind kind() {
        return this.kind;
    }

    /**
     * Answers a failed call with the fallback, when there is one that handles the exception.
     * @param breaker the breaker the call went through
     * @param target the bean
     * @param args the call's arguments
     * @param error what the call threw
     * @return the fallback's result
     * @throws Throwable the original exception when no fallback handles it, or what the
     * fallback throws
     */
    @Nullable Object recover(CircuitBreaker breaker, Object target, @Nullable Object[] args, Throwable error)
            throws Throwable {
        if (this.fallback == null || !this.fallback.handles(breaker, error)) {
            throw error;
        }
        return this.fallback.invoke(target, args, error);
    }
}
