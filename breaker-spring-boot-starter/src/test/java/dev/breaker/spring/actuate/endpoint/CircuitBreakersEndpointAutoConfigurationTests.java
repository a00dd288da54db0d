package dev.breaker.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CircuitBreakersEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CircuitBreakersEndpointAutoConfiguration.class))
        .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults);

    @Test
    void runWhenExposedShouldCreateEndpointAndWebExtension() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
            .run((context) -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class)
                .hasSingleBean(CircuitBreakersEndpointWebExtension.class));
    }

    @Test
    void runWhenNotExposedShouldNotCreateEndpoint() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class)
            .doesNotHaveBean(CircuitBreakersEndpointWebExtension.class));
    }

    @Test
    void runWhenExposedButAccessIsNoneShouldNotCreateEndpoint() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers",
                    "management.endpoint.circuitbreakers.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class));
    }

    @Test
    void runWhenExposedOnlyOverJmxShouldNotCreateWebExtension() {
        this.contextRunner
            .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=circuitbreakers")
            .run((context) -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class)
                .doesNotHaveBean(CircuitBreakersEndpointWebExtension.class));
    }

    @Test
    void runWithoutRegistryShouldNotCreateEndpoint() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakersEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakersEndpoint.class));
    }

    @Test
    void runWithoutActuatorShouldNotCreateEndpoint() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
            .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakersEndpoint.class));
    }

    @Test
    void runWhenUserDefinesEndpointShouldBackOff() {
        this.contextRunner.withUserConfiguration(CustomEndpointConfiguration.class)
            .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
            .run((context) -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class)
                .getBean(CircuitBreakersEndpoint.class)
                .isSameAs(context.getBean(CustomEndpointConfiguration.class).endpoint));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomEndpointConfiguration {

        final CircuitBreakersEndpoint endpoint = new CircuitBreakersEndpoint(CircuitBreakerRegistry.ofDefaults());

        @Bean
        CircuitBreakersEndpoint customEndpoint() {
            return this.endpoint;
        }

    }

}
