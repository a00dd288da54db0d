package dev.breaker.spring.aop;

import dev.breaker.spring.CircuitProtected;
import java.lang.reflect.Method;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Matches the methods {@link CircuitProtected} protects: annotated methods, and the public
 * methods of an annotated class but {@code equals}, {@code hashCode} and {@code toString}.
 * Static: Spring decides once per method and class of bean, never per call.
 */
final class CircuitProtectedPointcut extends StaticMethodMatcherPointcut {

    CircuitProtectedPointcut() {
        setClassFilter((targetClass) -> AnnotationUtils.isCandidateClass(targetClass, CircuitProtected.class));
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return CircuitProtectedMethods.isProtected(AopUtils.getMostSpecificMethod(method, targetClass));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CircuitProtectedPointcut;
    }

    @Override
    public int hashCode() {
        return CircuitProtectedPointcut.class.hashCode();
    }

    @Override
    public String toString() {
        return "@CircuitProtected methods";
    }
}
