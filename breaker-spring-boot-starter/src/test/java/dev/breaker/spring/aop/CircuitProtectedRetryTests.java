package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.spring.CircuitProtected;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Retry from the properties, composed with the breaker: each attempt goes through it, and no
 * attempt is made into an open breaker. Backoff is a millisecond so that tests stay fast.
 */
class CircuitProtectedRetryTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(CircuitProtectedContext.ClockAndDownstream.class)
        .withBean(RetryingService.class)
        .withPropertyValues("breaker.defaults.retry.max-attempts=3", "breaker.defaults.retry.initial-backoff=1ms",
                "breaker.defaults.retry.max-backoff=1ms", "breaker.defaults.retry.jitter=0",
                "breaker.defaults.consecutive-failures-threshold=10", "breaker.instances.fragile.consecutive-failures-threshold=2",
                "breaker.instances.single.retry.max-attempts=1");

    @Test
    void failuresShouldBeRetriedUntilAnAttemptSucceeds() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.failTimes(2, new IllegalStateException("flaky"));
            assertThat(service.sturdy("ACME")).isEqualTo("live ACME");
            assertThat(downstream.calls()).isEqualTo(3);
            CircuitBreakerStats stats = stats(context, "sturdy");
            assertThat(stats.failures()).isEqualTo(2);
            assertThat(stats.successes()).isOne();
        });
    }

    @Test
    void retryShouldStopAtMaxAttemptsAndFallBack() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            assertThat(service.sturdy("ACME")).isEqualTo("fallback after IllegalStateException");
            assertThat(downstream.calls()).isEqualTo(3);
        });
    }

    @Test
    void retryShouldNeverCallIntoAnOpenBreaker() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> service.fragile("ACME"));
            assertThat(downstream.calls()).isEqualTo(2);
            assertThat(stats(context, "fragile").rejections()).isOne();
        });
    }

    @Test
    void oneAttemptShouldMeanNoRetry() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.failTimes(1, new IllegalStateException("flaky"));
            assertThat(service.single("ACME")).isEqualTo("fallback after IllegalStateException");
            assertThat(downstream.calls()).isOne();
        });
    }

    @Test
    void completableFutureShouldBeRetried() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.failTimes(2, new IllegalStateException("flaky"));
            assertThat(service.sturdyAsync("ACME")).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("live ACME");
            assertThat(downstream.calls()).isEqualTo(3);
            assertThat(stats(context, "sturdy").failures()).isEqualTo(2);
        });
    }

    @Test
    void monoShouldBeRetriedByResubscribing() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.failTimes(2, new IllegalStateException("flaky"));
            StepVerifier.create(service.sturdyMono("ACME")).expectNext("live ACME").verifyComplete();
            assertThat(downstream.calls()).isEqualTo(3);
            assertThat(stats(context, "sturdy").successes()).isOne();
        });
    }

    @Test
    void monoShouldStopRetryingWhenTheBreakerOpens() {
        this.contextRunner.run((context) -> {
            RetryingService service = context.getBean(RetryingService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            StepVerifier.create(service.fragileMono("ACME")).verifyError(CircuitOpenException.class);
            assertThat(downstream.calls()).isEqualTo(2);
        });
    }

    private static CircuitBreakerStats stats(org.springframework.context.ApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).breaker(name).stats();
    }

    static class RetryingService {

        private final Downstream downstream;

        RetryingService(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitProtected(name = "sturdy", fallbackMethod = "fallback")
        public String sturdy(String symbol) {
            return this.downstream.call(symbol);
        }

        @CircuitProtected(name = "sturdy")
        public CompletableFuture<String> sturdyAsync(String symbol) {
            return this.downstream.callAsync(symbol);
        }

        @CircuitProtected(name = "sturdy")
        public Mono<String> sturdyMono(String symbol) {
            return Mono.fromSupplier(() -> this.downstream.call(symbol));
        }

        @CircuitProtected(name = "fragile")
        public String fragile(String symbol) {
            return this.downstream.call(symbol);
        }

        @CircuitProtected(name = "fragile")
        public Mono<String> fragileMono(String symbol) {
            return Mono.fromSupplier(() -> this.downstream.call(symbol));
        }

        @CircuitProtected(name = "single", fallbackMethod = "fallback")
        public String single(String symbol) {
            return this.downstream.call(symbol);
        }

        String fallback(String symbol, Throwable error) {
            return "fallback after " + error.getClass().getSimpleName();
        }
    }
}
