package dev.breaker.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import dev.breaker.core.CircuitBreakerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for circuit-breaker meters. Spring Boot
 * binds the {@link CircuitBreakerMeterBinder} to the application's {@link MeterRegistry}.
 */
@AutoConfiguration(afterName = { "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ CircuitBreakerRegistry.class, MeterRegistry.class })
public final class CircuitBreakerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerMeterBinder circuitBreakerMeterBinder(CircuitBreakerRegistry registry) {
        return new CircuitBreakerMeterBinder(registry);
    }

}
