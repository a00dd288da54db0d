package dev.breaker.spring.actuate.endpoint;

import dev.breaker.core.CircuitBreakerRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link CircuitBreakersEndpoint}.
 * Like every actuator endpoint it is reachable over HTTP only once exposed
 * ({@code management.endpoints.web.exposure.include=circuitbreakers}); its write operations
 * follow {@code management.endpoint.circuitbreakers.access}.
 */
@AutoConfiguration(afterName = "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration")
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ConditionalOnAvailableEndpoint(CircuitBreakersEndpoint.class)
public final class CircuitBreakersEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakersEndpoint circuitBreakersEndpoint(CircuitBreakerRegistry registry) {
        return new CircuitBreakersEndpoint(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CircuitBreakersEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    CircuitBreakersEndpointWebExtension circuitBreakersEndpointWebExtension(CircuitBreakersEndpoint endpoint) {
        return new CircuitBreakersEndpointWebExtension(endpoint);
    }

}
