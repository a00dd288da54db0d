package dev.breaker.spring.observation;

import dev.breaker.core.CircuitBreakerRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of {@link BreakerObservations} when the
 * application has an {@link ObservationRegistry}: every call through the
 * {@link CircuitBreakerRegistry}'s breakers becomes an observation, named and tagged by the application's
 * {@link BreakerObservationConvention} bean if it has one.
 */
@AutoConfiguration(afterName = { "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ CircuitBreakerRegistry.class, ObservationRegistry.class })
public final class BreakerObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BreakerObservations breakerObservations(ObservationRegistry observationRegistry,
            ObjectProvider<BreakerObservationConvention> convention, CircuitBreakerRegistry breakers) {
        BreakerObservations observations = new BreakerObservations(observationRegistry, convention.getIfAvailable());
        observations.observeCallsOf(breakers);
        return observations;
    }
}
