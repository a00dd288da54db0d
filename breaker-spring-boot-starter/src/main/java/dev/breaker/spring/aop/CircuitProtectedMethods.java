package dev.breaker.spring.aop;

import dev.breaker.spring.CircuitProtected;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Resolves {@link CircuitProtected} methods once and keeps them for the aspect. As a
 * {@link BeanPostProcessor} it resolves every protected method of each bean when the bean is
 * created, so that a missing or unfit fallback, an unparsable key or an unreachable method
 * stops the application at startup, naming the bean and the method.
 */
public final class CircuitProtectedMethods implements BeanPostProcessor {

    private static final Optional<ProtectedMethod> NONE = Optional.empty();

    private final boolean reactorPresent;

    private final Map<MethodClassKey, Optional<ProtectedMethod>> resolved = new ConcurrentHashMap<>();

    /**
     * Creates the resolver.
     * @param classLoader the class loader to look for Reactor with
     */
    public CircuitProtectedMethods(@Nullable ClassLoader classLoader) {
        this.reactorPresent = ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader)
                && ClassUtils.isPresent("reactor.core.publisher.Flux", classLoader);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        if (!AnnotationUtils.isCandidateClass(targetClass, CircuitProtected.class)) {
            return bean;
        }
        ReflectionUtils.doWithMethods(targetClass, (method) -> resolve(method, targetClass, beanName),
                (method) -> ReflectionUtils.USER_DECLARED_METHODS.matches(method) && isProtected(method));
        return bean;
    }

    /** Mirrors the aspect's pointcut: annotated methods, and public methods of annotated classes but Object's. */
    private static boolean isProtected(Method method) {
        if (AnnotationUtils.findAnnotation(method, CircuitProtected.class) != null) {
            return true;
        }
        return Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                && !ReflectionUtils.isEqualsMethod(method) && !ReflectionUtils.isHashCodeMethod(method)
                && !ReflectionUtils.isToStringMethod(method) && AnnotationUtils.findAnnotation(method.getDeclaringClass(), CircuitProtected.class) != null;
    }

    /**
     * The protected method invoked through a proxy, resolved on first use if the bean was not
     * seen at startup.
     * @param method the invoked method
     * @param targetClass the class of the bean
     * @return the protected method, or {@code null} when the method carries no annotation
     */
    @Nullable ProtectedMethod get(Method method, Class<?> targetClass) {
        return resolve(method, targetClass, null);
    }

    private @Nullable ProtectedMethod resolve(Method method, Class<?> targetClass, @Nullable String beanName) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        MethodClassKey key = new MethodClassKey(specific, targetClass);
        Optional<ProtectedMethod> found = this.resolved.get(key);
        if (found == null) {
            ProtectedMethod protectedMethod = ProtectedMethod.resolve(specific, targetClass, beanName, this.reactorPresent);
            found = (protectedMethod != null) ? Optional.of(protectedMethod) : NONE;
            this.resolved.putIfAbsent(key, found);
        }
        return found.orElse(null);
    }
}
