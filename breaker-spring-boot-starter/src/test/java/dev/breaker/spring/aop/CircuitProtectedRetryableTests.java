package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.spring.CircuitProtected;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.Retryable;

/**
 * Spring Framework's {@code @Retryable} on a {@code @CircuitProtected} method: its interceptor
 * runs outside the breaker, so each attempt is one call through it, and an open breaker ends
 * the retries.
 */
class CircuitProtectedRetryableTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(ResilientMethods.class, CircuitProtectedContext.ClockAndDownstream.class)
        .withPropertyValues("breaker.instances.quotes.consecutive-failures-threshold=2");

    @Test
    void eachAttemptShouldBeOneCallThroughTheBreaker() {
        this.contextRunner.withBean(RetriedQuotes.class).run((context) -> {
            Downstream downstream = context.getBean(Downstream.class);
            downstream.failTimes(1, new IllegalStateException("flaky"));
            assertThat(context.getBean(RetriedQuotes.class).quote("ACME")).isEqualTo("live ACME");
            assertThat(downstream.calls()).isEqualTo(2);
            CircuitBreakerStats stats = stats(context.getBean(CircuitBreakerRegistry.class));
            assertThat(stats.failures()).isOne();
            assertThat(stats.successes()).isOne();
        });
    }

    @Test
    void openBreakerShouldEndTheRetries() {
        this.contextRunner.withBean(RetriedQuotes.class).run((context) -> {
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            assertThatExceptionOfType(CircuitOpenException.class)
                .isThrownBy(() -> context.getBean(RetriedQuotes.class).quote("ACME"));
            assertThat(downstream.calls()).isEqualTo(2);
            CircuitBreakerStats stats = stats(context.getBean(CircuitBreakerRegistry.class));
            assertThat(stats.failures()).isEqualTo(2);
            assertThat(stats.rejections()).isOne();
        });
    }

    @Test
    void retryableThatWouldRetryRejectionsShouldStopStartup() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        this.contextRunner.withBean("broken", RetriesRejections.class).run((context) -> {
            assertThat(context).hasFailed();
            failure.set(context.getStartupFailure());
        });
        FailureAnalysis analysis = new InvalidCircuitProtectedFailureAnalyzer().analyze(failure.get());
        assertThat(analysis.getDescription()).contains("RetriesRejections.quote(String)")
            .contains("its @Retryable would retry the calls its breaker rejects");
        assertThat(analysis.getAction()).contains("excludes = CircuitOpenException.class");
    }

    private static CircuitBreakerStats stats(CircuitBreakerRegistry registry) {
        return registry.breaker("quotes").stats();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class ResilientMethods {

    }

    static class RetriedQuotes {

        private final Downstream downstream;

        RetriedQuotes(Downstream downstream) {
            this.downstream = downstream;
        }

        @Retryable(excludes = CircuitOpenException.class, maxRetries = 5, delay = 0)
        @CircuitProtected(name = "quotes")
        public String quote(String symbol) {
            return this.downstream.call(symbol);
        }

    }

    static class RetriesRejections {

        @Retryable(maxRetries = 5, delay = 0)
        @CircuitProtected(name = "quotes")
        public String quote(String symbol) {
            return symbol;
        }

    }

}
