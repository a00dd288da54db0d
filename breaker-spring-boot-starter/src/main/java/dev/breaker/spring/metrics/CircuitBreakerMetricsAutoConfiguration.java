package dev.breaker.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.observation.BreakerObservations;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for circuit-breaker meters. Spring Boot
 * binds the {@link CircuitBreakerMeterBinder} to the application's {@link MeterRegistry}. When
 * calls are {@linkplain BreakerObservations observed}, the {@code breaker.calls} timer comes
 * from their observations through a {@link BreakerCallsMeterObservationHandler}, ahead of
 * Micrometer's default handler, and the binder leaves it alone.
 */
@AutoConfiguration(afterName = { "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration",
        "dev.breaker.spring.observation.BreakerObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ CircuitBreakerRegistry.class, MeterRegistry.class })
public final class CircuitBreakerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerMeterBinder circuitBreakerMeterBinder(CircuitBreakerRegistry registry,
            ObjectProvider<BreakerCallsMeterObservationHandler> callsFromObservations) {
        return new CircuitBreakerMeterBinder(registry, callsFromObservations.getIfAvailable() == null);
    }

    @Bean
    @ConditionalOnBean(BreakerObservations.class)
    @ConditionalOnMissingBean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    BreakerCallsMeterObservationHandler breakerCallsMeterObservationHandler(MeterRegistry registry) {
        return new BreakerCallsMeterObservationHandler(registry);
    }

}
