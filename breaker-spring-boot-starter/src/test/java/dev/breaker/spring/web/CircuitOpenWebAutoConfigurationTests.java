package dev.breaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.ProblemDetail;

class CircuitOpenWebAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CircuitOpenWebAutoConfiguration.class));

    @Test
    void runInServletApplicationShouldCreateHandler() {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CircuitOpenExceptionHandler.class));
    }

    @Test
    void runWhenProblemDetailsTurnedOffShouldNotCreateHandler() {
        this.contextRunner.withPropertyValues("breaker.web.problem-details=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CircuitOpenExceptionHandler.class));
    }

    @Test
    void runInReactiveApplicationShouldCreateHandler() {
        new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CircuitOpenWebAutoConfiguration.class))
            .run((context) -> assertThat(context).hasSingleBean(CircuitOpenExceptionHandler.class));
    }

    @Test
    void runWithoutSpringWebShouldNotCreateHandler() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ProblemDetail.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitOpenExceptionHandler.class));
    }

    @Test
    void runInNonWebApplicationShouldNotCreateHandler() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CircuitOpenWebAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(CircuitOpenExceptionHandler.class));
    }

    @Test
    void runWhenUserDefinesHandlerShouldBackOff() {
        this.contextRunner.withUserConfiguration(CustomHandlerConfiguration.class)
            .run((context) -> assertThat(context).hasSingleBean(CircuitOpenExceptionHandler.class)
                .hasBean("customHandler"));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomHandlerConfiguration {

        @Bean
        CircuitOpenExceptionHandler customHandler() {
            return new CircuitOpenExceptionHandler();
        }

    }

}
