package dev.breaker.spring.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CircuitBreakersHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CircuitBreakersHealthContributorAutoConfiguration.class))
        .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults);

    @Test
    void runShouldCreateIndicatorNamedCircuitBreakers() {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CircuitBreakersHealthIndicator.class)
            .hasBean("circuitBreakersHealthIndicator"));
    }

    @Test
    void runWhenDisabledShouldNotCreateIndicator() {
        this.contextRunner.withPropertyValues("management.health.circuitbreakers.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void runWhenDefaultsDisabledShouldNotCreateIndicator() {
        this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void runWithoutRegistryShouldNotCreateIndicator() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakersHealthContributorAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void runWithoutHealthModuleShouldNotCreateIndicator() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnEnabledHealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void runWhenUserDefinesContributorShouldBackOff() {
        this.contextRunner.withUserConfiguration(CustomIndicatorConfiguration.class)
            .run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class)
                .hasBean("circuitBreakersHealthContributor"));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomIndicatorConfiguration {

        @Bean
        HealthIndicator circuitBreakersHealthContributor() {
            return () -> Health.up().build();
        }

    }

}
