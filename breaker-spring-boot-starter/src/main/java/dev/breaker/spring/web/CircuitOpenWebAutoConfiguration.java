package dev.breaker.spring.web;

import dev.breaker.core.CircuitOpenException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that answers a {@link CircuitOpenException}
 * in Spring MVC and Spring WebFlux with {@code 503} and {@code Retry-After}; switched off with
 * {@code breaker.web.problem-details=false}. It needs no registry bean: the exception may come
 * from any breaker.
 */
@AutoConfiguration(afterName = "dev.breaker.spring.autoconfigure.BreakerAutoConfiguration")
@ConditionalOnWebApplication
@ConditionalOnClass(ProblemDetail.class)
@ConditionalOnBooleanProperty(name = "breaker.web.problem-details", matchIfMissing = true)
public final class CircuitOpenWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitOpenExceptionHandler circuitOpenExceptionHandler() {
        return new CircuitOpenExceptionHandler();
    }

}
