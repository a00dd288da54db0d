package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.CircuitProtectedAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans of the annotation path, each from a Spring application of its own: no web server, no
 * actuator, only Spring Boot's AOP support and one library's circuit-breaker auto-configuration,
 * configured through its Spring Boot properties as {@link SameConfig} says. Each library has its
 * own state so that a benchmark starts only its own application. Setup checks that the bean is a
 * proxy and the breaker has the configuration; tear-down that the calls went through the breaker
 * and left it CLOSED.
 */
public final class SpringContexts {

    private SpringContexts() {
    }

    /** The same method on a plain object: no proxy, no breaker. */
    @State(Scope.Benchmark)
    public static class Plain {

        Services.Plain service;

        @Setup
        public void setUp() {
            service = new Services.Plain();
        }
    }

    /** This library's starter. */
    @State(Scope.Benchmark)
    public static class Ours {

        Services.Protected service;
        private ConfigurableApplicationContext context;
        private CircuitBreaker breaker;

        @Setup
        public void setUp() {
            context = start(Application.class, SameConfig.breakerProperties(Services.BREAKER));
            service = proxy(context, Services.Protected.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            breaker = registry.find(Services.BREAKER).orElseThrow();
            if (!breaker.config().equals(SameConfig.breaker(Services.BREAKER).config())) {
                throw new IllegalStateException("different configuration: " + breaker.config());
            }
            service.call();
            if (breaker.stats().successes() != 1) {
                throw new IllegalStateException("the call did not go through the breaker");
            }
        }

        @TearDown
        public void tearDown() {
            try {
                if (breaker.state() != CircuitState.CLOSED || breaker.stats().successes() < 2) {
                    throw new IllegalStateException("the calls did not go through a CLOSED breaker: " + breaker.stats());
                }
            }
            finally {
                context.close();
            }
        }

        /** Spring Boot's AOP support and this library's auto-configuration, nothing else. */
        @Configuration(proxyBeanMethods = false)
        @ImportAutoConfiguration({ AopAutoConfiguration.class, BreakerAutoConfiguration.class,
                CircuitProtectedAutoConfiguration.class })
        static class Application {

            @Bean
            Services.Protected service() {
                return new Services.Protected();
            }
        }
    }

    /** Resilience4j's Spring Boot 4 starter. */
    @State(Scope.Benchmark)
    public static class Resilience4j {

        Services.Resilience4jProtected service;
        private ConfigurableApplicationContext context;
        private io.github.resilience4j.circuitbreaker.CircuitBreaker breaker;

        @Setup
        public void setUp() {
            context = start(Application.class, SameConfig.resilience4jProperties(Services.BREAKER));
            service = proxy(context, Services.Resilience4jProtected.class);
            breaker = context.getBean(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class)
                .circuitBreaker(Services.BREAKER);
            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig same = SameConfig.resilience4j();
            if (config.getSlidingWindowType() != same.getSlidingWindowType()
                    || config.getSlidingWindowSize() != same.getSlidingWindowSize()
                    || config.getMinimumNumberOfCalls() != same.getMinimumNumberOfCalls()
                    || config.getFailureRateThreshold() != same.getFailureRateThreshold()
                    || config.getPermittedNumberOfCallsInHalfOpenState()
                            != same.getPermittedNumberOfCallsInHalfOpenState()
                    || !config.getWaitIntervalFunctionInOpenState().apply(1)
                        .equals(same.getWaitIntervalFunctionInOpenState().apply(1))
                    || config.getSlidingWindowSynchronizationStrategy()
                            != same.getSlidingWindowSynchronizationStrategy()) {
                throw new IllegalStateException("different configuration: " + config);
            }
            service.call();
            if (breaker.getMetrics().getNumberOfSuccessfulCalls() != 1) {
                throw new IllegalStateException("the call did not go through the breaker");
            }
        }

        @TearDown
        public void tearDown() {
            try {
                if (breaker.getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED
                        || breaker.getMetrics().getNumberOfSuccessfulCalls() < 2) {
                    throw new IllegalStateException("the calls did not go through a CLOSED breaker");
                }
            }
            finally {
                context.close();
            }
        }

        /** Spring Boot's AOP support and Resilience4j's circuit-breaker auto-configuration, nothing else. */
        @Configuration(proxyBeanMethods = false)
        @ImportAutoConfiguration({ AopAutoConfiguration.class, CircuitBreakerAutoConfiguration.class })
        static class Application {

            @Bean
            Services.Resilience4jProtected service() {
                return new Services.Resilience4jProtected();
            }
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> properties) {
        return new SpringApplicationBuilder(application)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties(properties)
            .run();
    }

    private static <T> T proxy(ConfigurableApplicationContext context, Class<T> type) {
        T bean = context.getBean(type);
        if (!AopUtils.isAopProxy(bean)) {
            throw new IllegalStateException(type.getSimpleName() + " is not behind a proxy");
        }
        return bean;
    }
}
