package dev.breaker.spring.aot;

import dev.breaker.spring.aop.CircuitProtectedMethods;
import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;

/**
 * Registers, for each bean with {@link dev.breaker.spring.CircuitProtected} methods, the
 * reflection those methods need at run time: the class's methods and their parameter names
 * can be read (for the annotation and a key expression), and each protected method and its
 * fallback can be invoked. The methods are resolved and checked as at startup, so a fallback
 * that does not fit fails the ahead-of-time build.
 */
class CircuitProtectedBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> beanClass = registeredBean.getBeanClass();
        List<Method> methods = CircuitProtectedMethods.invokedReflectively(beanClass, beanClass.getClassLoader());
        if (methods.isEmpty()) {
            return null;
        }
        return new Hints(beanClass, methods);
    }

    private record Hints(Class<?> beanClass, List<Method> methods) implements BeanRegistrationAotContribution {

        @Override
        public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
            ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
            reflection.registerType(this.beanClass); // a registered type's methods can be introspected
            for (Method method : this.methods) {
                reflection.registerMethod(method, ExecutableMode.INVOKE);
            }
        }

    }

}
