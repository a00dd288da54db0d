package dev.breaker.spring.cloud;

import dev.breaker.spring.BreakerNamesInUse;
import java.util.Set;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.CircuitBreakerRegistryCustomizer;
import dev.breaker.spring.observation.BreakerObservations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Spring Cloud CircuitBreaker's
 * factories over the {@link CircuitBreakerRegistry}, ahead of Spring Cloud's own
 * auto-configuration, which then protects HTTP service client groups with them.
 * {@link Customizer} beans of each factory are applied to it before the registry is built.
 */
@AutoConfiguration(after = BreakerAutoConfiguration.class,
        beforeName = "org.springframework.cloud.client.CommonsClientAutoConfiguration")
@ConditionalOnClass(CircuitBreakerFactory.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
public final class BreakerSpringCloudAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CircuitBreakerFactory.class)
    BreakerCircuitBreakerFactory breakerCircuitBreakerFactory(ObjectProvider<CircuitBreakerRegistry> registry,
            ObjectProvider<BreakerObservations> observations,
            ObjectProvider<Customizer<BreakerCircuitBreakerFactory>> customizers) {
        BreakerCircuitBreakerFactory factory = new BreakerCircuitBreakerFactory(registry::getObject,
                observations::getIfAvailable);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
        return factory;
    }

    @Bean
    CircuitBreakerRegistryCustomizer breakerCircuitBreakerFactoryConfigurations(
            ObjectProvider<BreakerCircuitBreakerFactory> factory) {
        return (builder, configured) -> factory.ifAvailable((available) -> available.applyTo(builder, configured));
    }

    /** Spring Cloud protects each HTTP service client group with the breaker of the group's name. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HttpServiceProxyRegistry.class)
    static class HttpServiceGroupsConfiguration {

        @Bean
        BreakerNamesInUse httpServiceGroupBreakerNames(ObjectProvider<HttpServiceProxyRegistry> registry) {
            return () -> {
                HttpServiceProxyRegistry groups = registry.getIfAvailable();
                return (groups != null) ? groups.getGroupNames() : Set.of();
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "reactor.core.publisher.Mono")
    static class ReactiveFactoryConfiguration {

        @Bean
        @ConditionalOnMissingBean(ReactiveCircuitBreakerFactory.class)
        ReactiveBreakerCircuitBreakerFactory reactiveBreakerCircuitBreakerFactory(
                ObjectProvider<CircuitBreakerRegistry> registry,
                ObjectProvider<Customizer<ReactiveBreakerCircuitBreakerFactory>> customizers) {
            ReactiveBreakerCircuitBreakerFactory factory = new ReactiveBreakerCircuitBreakerFactory(registry::getObject);
            customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
            return factory;
        }

        @Bean
        CircuitBreakerRegistryCustomizer reactiveBreakerCircuitBreakerFactoryConfigurations(
                ObjectProvider<ReactiveBreakerCircuitBreakerFactory> factory) {
            return (builder, configured) -> factory.ifAvailable((available) -> available.applyTo(builder, configured));
        }

    }

}
