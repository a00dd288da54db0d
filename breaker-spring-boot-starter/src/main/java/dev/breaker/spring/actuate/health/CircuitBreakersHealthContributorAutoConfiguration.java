package dev.breaker.spring.actuate.health;

import dev.breaker.core.CircuitBreakerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code circuitBreakers} health
 * contributor, switched off with {@code management.health.circuitbreakers.enabled=false}.
 */
@AutoConfiguration(afterName = "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration")
@ConditionalOnClass(ConditionalOnEnabledHealthIndicator.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ConditionalOnEnabledHealthIndicator("circuitbreakers")
public final class CircuitBreakersHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "circuitBreakersHealthIndicator", "circuitBreakersHealthContributor" })
    CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry registry) {
        return new CircuitBreakersHealthIndicator(registry);
    }

}
