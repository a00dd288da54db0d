package dev.breaker.spring.dashboard;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.breaker.spring.autoconfigure.BreakerProperties;
import dev.breaker.spring.autoconfigure.InvalidBreakerPropertyException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the live dashboard page at
 * {@code breaker.dashboard.path}, switched on with {@code breaker.dashboard.enabled=true} in a
 * Spring MVC or Spring WebFlux application with the actuator. The page reads the
 * {@code circuitbreakers} endpoint where Spring Boot exposed it, and offers its write operations
 * only when {@code management.endpoint.circuitbreakers.access} allows them.
 */
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnClass({ PathMappedEndpoints.class, ManagementPortType.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty("breaker.dashboard.enabled")
@EnableConfigurationProperties(BreakerProperties.class)
public final class DashboardAutoConfiguration {

    private static final String PATH_PROPERTY = "breaker.dashboard.path";

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    @Bean
    DashboardPage breakerDashboardPage(BreakerProperties properties, ObjectProvider<PathMappedEndpoints> endpoints,
            Environment environment) {
        String path = properties.getDashboard().getPath();
        if (!PATH.matcher(path).matches()) {
            throw new InvalidBreakerPropertyException(PATH_PROPERTY, null, path,
                    "must be a path such as /breakers: segments of letters, digits, '.', '_', '~' or '-', "
                            + "each after a '/', and no '/' at the end");
        }
        return new DashboardPage(path, SingletonSupplier.of(() -> CircuitBreakersLink.of(endpoints.getIfAvailable())),
                unreachableBecause(environment));
    }

    private static @Nullable String unreachableBecause(Environment environment) {
        return (ManagementPortType.get(environment) != ManagementPortType.SAME)
                ? "The circuitbreakers endpoint is not served on this port (management.server.port is set), "
                        + "and the dashboard reads it from the server that serves the page."
                : null;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
    static class ServletDashboardConfiguration {

        @Bean
        org.springframework.web.servlet.function.RouterFunction<?> breakerDashboardRoutes(DashboardPage page) {
            return ServletDashboardRoutes.of(page);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(org.springframework.web.reactive.function.server.RouterFunction.class)
    static class ReactiveDashboardConfiguration {

        @Bean
        org.springframework.web.reactive.function.server.RouterFunction<?> breakerDashboardRoutes(
                DashboardPage page) {
            return ReactiveDashboardRoutes.of(page);
        }

    }

}
