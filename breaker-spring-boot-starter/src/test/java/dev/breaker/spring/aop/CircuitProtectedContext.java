package dev.breaker.spring.aop;

import dev.breaker.core.ManualClock;
import dev.breaker.spring.CircuitProtected;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.CircuitProtectedAutoConfiguration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application context the {@link CircuitProtected} tests start: Spring AOP, the breaker
 * auto-configuration and the advisor; and, for the tests that drive protected services, a
 * manual clock and the {@link Downstream} stub those services call.
 */
final class CircuitProtectedContext {

    private CircuitProtectedContext() {
    }

    /**
     * A runner with the auto-configuration that makes {@link CircuitProtected} work.
     * @return a new runner
     */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
                BreakerAutoConfiguration.class, CircuitProtectedAutoConfiguration.class));
    }

    /** A {@link ManualClock} starting at 2026-01-01T00:00:00Z and a {@link Downstream} stub. */
    @Configuration(proxyBeanMethods = false)
    static class ClockAndDownstream {

        @Bean
        ManualClock clock() {
            return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        }

        @Bean
        Downstream downstream() {
            return new Downstream();
        }

    }

}
