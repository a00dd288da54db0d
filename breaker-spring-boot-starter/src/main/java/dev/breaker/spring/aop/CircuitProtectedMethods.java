package dev.breaker.spring.aop;

import dev.breaker.spring.CircuitProtected;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Resolves {@link CircuitProtected} methods once and keeps them for the interceptor. As a
 * {@link BeanPostProcessor} it resolves every protected method of each bean when the bean is
 * created, so that a missing or unfit fallback, an unparsable key or an unreachable method
 * stops the application at startup, naming the bean and the method.
 */
public final class CircuitProtectedMethods implements BeanPostProcessor {

    private final boolean reactorPresent;

    private final Map<MethodClassKey, Resolution> resolved = new ConcurrentHashMap<>();

    /** The last resolution per invoked method: one lookup and no allocation per call. */
    private final Map<Method, Resolution> byInvokedMethod = new ConcurrentHashMap<>();

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

    /**
     * The methods of a class that protected calls invoke by reflection: its protected methods
     * and their fallbacks, each resolved and checked as at startup. Ahead-of-time processing
     * registers them as runtime hints.
     * @param targetClass the class of a bean
     * @param classLoader the class loader to look for Reactor with
     * @return the methods, none when the class has no protected method
     * @throws InvalidCircuitProtectedException when a protected method cannot work as written
     */
    public static List<Method> invokedReflectively(Class<?> targetClass, @Nullable ClassLoader classLoader) {
        CircuitProtectedMethods methods = new CircuitProtectedMethods(classLoader);
        List<Method> invoked = new ArrayList<>();
        if (AnnotationUtils.isCandidateClass(targetClass, CircuitProtected.class)) {
            ReflectionUtils.doWithMethods(targetClass, (method) -> {
                ProtectedMethod resolved = methods.resolve(method, targetClass, null).method();
                if (resolved != null) {
                    invoked.add(resolved.method());
                    FallbackMethod fallback = resolved.fallback();
                    if (fallback != null) {
                        invoked.add(fallback.method());
                    }
                }
            }, (method) -> ReflectionUtils.USER_DECLARED_METHODS.matches(method) && isProtected(method));
        }
        return invoked;
    }

    /**
     * Whether a method, as declared by the bean's class, is protected: it is annotated, or its
     * declaring class is and it is public, not static and not {@code equals}, {@code hashCode}
     * or {@code toString}. The advisor's pointcut and the startup check both ask this.
     * @param method the method
     * @return whether calls to it go through a breaker
     */
    static boolean isProtected(Method method) {
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
        Resolution last = this.byInvokedMethod.get(method);
        if (last != null && last.targetClass() == targetClass) {
            return last.method();
        }
        Resolution resolution = resolve(method, targetClass, null);
        this.byInvokedMethod.put(method, resolution);
        return resolution.method();
    }

    private Resolution resolve(Method method, Class<?> targetClass, @Nullable String beanName) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        MethodClassKey key = new MethodClassKey(specific, targetClass);
        Resolution found = this.resolved.get(key);
        if (found == null) {
            ProtectedMethod protectedMethod = ProtectedMethod.resolve(specific, targetClass, beanName, this.reactorPresent);
            found = new Resolution(targetClass, protectedMethod);
            Resolution earlier = this.resolved.putIfAbsent(key, found);
            found = (earlier != null) ? earlier : found;
        }
        return found;
    }

    /**
     * What a method resolved to for one class of bean.
     * @param targetClass the class of the bean
     * @param method the protected method, or {@code null} when the method is not protected
     */
    private record Resolution(Class<?> targetClass, @Nullable ProtectedMethod method) {
    }
}
