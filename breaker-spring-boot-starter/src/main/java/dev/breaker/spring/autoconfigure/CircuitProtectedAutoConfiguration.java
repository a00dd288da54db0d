package dev.breaker.spring.autoconfigure;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.CircuitProtected;
import dev.breaker.spring.aop.CircuitProtectedAdvisor;
import dev.breaker.spring.aop.CircuitProtectedInterceptor;
import dev.breaker.spring.aop.CircuitProtectedMethods;
import dev.breaker.spring.observation.BreakerObservations;
import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the Spring AOP advisor behind
 * {@link CircuitProtected}, when there is a {@link CircuitBreakerRegistry}. The advisor is
 * applied by the auto-proxy creator that Spring Boot's AOP auto-configuration registers.
 * Protected methods are resolved as their beans are created, so that a bad fallback or key
 * stops the application at startup, and a breaker under {@code breaker.instances} that no
 * protected method names is logged at WARN.
 */
@AutoConfiguration(after = BreakerAutoConfiguration.class)
@ConditionalOnClass(Advisor.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
public final class CircuitProtectedAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CircuitProtectedMethods circuitProtectedMethods(ResourceLoader resourceLoader) {
        return new CircuitProtectedMethods(resourceLoader.getClassLoader());
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CircuitProtectedAdvisor circuitProtectedAdvisor(ObjectProvider<CircuitBreakerRegistry> registry,
            ObjectProvider<CircuitProtectedMethods> methods, ObjectProvider<BreakerObservations> observations) {
        return new CircuitProtectedAdvisor(new CircuitProtectedInterceptor(registry::getObject, methods::getObject,
                observations::getIfAvailable));
    }

    @Bean
    UnusedInstancesWarning breakerUnusedInstancesWarning(ListableBeanFactory beanFactory,
            ObjectProvider<BreakerProperties> properties) {
        return new UnusedInstancesWarning(beanFactory, properties.getIfAvailable(BreakerProperties::new).getInstances().keySet());
    }
}
