package dev.breaker.spring.refresh;

import dev.breaker.core.CircuitBreakerRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of live reconfiguration: with Spring
 * Cloud's context on the class path, a refresh that changes {@code breaker.*} reconfigures the
 * running breakers through the {@link BreakerConfigurationRefresher}.
 */
@AutoConfiguration(afterName = "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration")
@ConditionalOnClass(EnvironmentChangeEvent.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
public final class BreakerRefreshAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BreakerConfigurationRefresher breakerConfigurationRefresher(CircuitBreakerRegistry registry,
            Environment environment, ResourceLoader resourceLoader) {
        return new BreakerConfigurationRefresher(registry, environment, resourceLoader.getClassLoader());
    }

}
