package dev.breaker.spring.autoconfigure;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.CircuitProtected;
import dev.breaker.spring.aop.CircuitProtectedAspect;
import dev.breaker.spring.aop.CircuitProtectedMethods;
import org.aspectj.weaver.Advice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the aspect behind
 * {@link CircuitProtected}, when AspectJ is on the class path and there is a
 * {@link CircuitBreakerRegistry}. Protected methods are resolved as their beans are created,
 * so that a bad fallback or key stops the application at startup.
 */
@AutoConfiguration(after = BreakerAutoConfiguration.class)
@ConditionalOnClass(Advice.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
public final class CircuitProtectedAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static CircuitProtectedMethods circuitProtectedMethods(ResourceLoader resourceLoader) {
        return new CircuitProtectedMethods(resourceLoader.getClassLoader());
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitProtectedAspect circuitProtectedAspect(CircuitBreakerRegistry registry, CircuitProtectedMethods methods) {
        return new CircuitProtectedAspect(registry, methods);
    }
}
