package dev.breaker.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CircuitBreakerMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CircuitBreakerMetricsAutoConfiguration.class))
        .withUserConfiguration(RegistryConfiguration.class);

    @Test
    void runShouldBindMetersOfConfiguredBreakers() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(CircuitBreakerMeterBinder.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("breaker.state").tags("name", "payment", "state", "closed").gauge().value())
                .isEqualTo(1.0);
        });
    }

    @Test
    void runWithoutMeterRegistryShouldNotCreateBinder() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakerMetricsAutoConfiguration.class))
            .withUserConfiguration(RegistryConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerMeterBinder.class));
    }

    @Test
    void runWithoutMicrometerShouldNotCreateBinder() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakerMetricsAutoConfiguration.class))
            .withUserConfiguration(RegistryConfiguration.class)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerMeterBinder.class));
    }

    @Test
    void runWithoutRegistryShouldNotCreateBinder() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CircuitBreakerMetricsAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerMeterBinder.class));
    }

    @Test
    void runWhenUserDefinesBinderShouldBackOff() {
        this.contextRunner.withUserConfiguration(CustomBinderConfiguration.class)
            .run((context) -> assertThat(context).hasSingleBean(CircuitBreakerMeterBinder.class)
                .hasBean("customBinder"));
    }

    @Configuration(proxyBeanMethods = false)
    static class RegistryConfiguration {

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return CircuitBreakerRegistry.builder()
                .config("payment", dev.breaker.core.CircuitBreakerConfig.defaults())
                .build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomBinderConfiguration {

        @Bean
        CircuitBreakerMeterBinder customBinder(CircuitBreakerRegistry registry) {
            return new CircuitBreakerMeterBinder(registry);
        }

    }

}
