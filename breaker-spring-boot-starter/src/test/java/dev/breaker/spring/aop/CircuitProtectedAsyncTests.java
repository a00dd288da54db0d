package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.spring.CircuitProtected;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link CircuitProtected} on methods that return a {@code CompletableFuture} or {@code CompletionStage}. */
class CircuitProtectedAsyncTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(CircuitProtectedContext.ClockAndDownstream.class)
        .withBean(AsyncQuoteService.class)
        .withPropertyValues("breaker.defaults.consecutive-failures-threshold=2", "breaker.defaults.wait-in-open=10s",
                "breaker.defaults.backoff.jitter=0");

    @Test
    void outcomeShouldBeRecordedWhenTheFutureCompletesNotWhenItIsReturned() {
        this.contextRunner.run((context) -> {
            AsyncQuoteService service = context.getBean(AsyncQuoteService.class);
            CompletableFuture<String> answer = context.getBean(Downstream.class).holdAnswers();
            CompletableFuture<String> quote = service.quote("ACME");
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.breaker("async-quotes").stats().calls()).isZero();
            answer.complete("live ACME");
            assertThat(quote).succeedsWithin(WAIT).isEqualTo("live ACME");
            assertThat(registry.breaker("async-quotes").stats().successes()).isOne();
        });
    }

    @Test
    void failedFutureShouldBeAnsweredByTheFallbackAndCountAsFailure() {
        this.contextRunner.run((context) -> {
            AsyncQuoteService service = context.getBean(AsyncQuoteService.class);
            CompletableFuture<String> answer = context.getBean(Downstream.class).holdAnswers();
            CompletableFuture<String> quote = service.quote("ACME");
            answer.completeExceptionally(new IllegalStateException("down"));
            assertThat(quote).succeedsWithin(WAIT).isEqualTo("cached ACME after IllegalStateException");
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("async-quotes").stats().failures())
                .isOne();
        });
    }

    @Test
    void openBreakerShouldAnswerWithTheFallbackWithoutCallingTheMethod() {
        this.contextRunner.run((context) -> {
            AsyncQuoteService service = context.getBean(AsyncQuoteService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            service.quote("ACME").join();
            service.quote("ACME").join();
            assertThat(service.quote("ACME")).succeedsWithin(WAIT).isEqualTo("cached ACME after CircuitOpenException");
            assertThat(downstream.calls()).isEqualTo(2);
            CircuitBreakerStats stats = context.getBean(CircuitBreakerRegistry.class).breaker("async-quotes").stats();
            assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
            assertThat(stats.rejections()).isOne();
        });
    }

    @Test
    void completionStageWithoutFallbackShouldFailWithTheRejection() {
        this.contextRunner.run((context) -> {
            AsyncQuoteService service = context.getBean(AsyncQuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            assertThat(service.stage("ACME").toCompletableFuture()).failsWithin(WAIT)
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(IllegalStateException.class);
            service.stage("ACME").toCompletableFuture().exceptionally((ex) -> null).join();
            assertThat(service.stage("ACME").toCompletableFuture()).failsWithin(WAIT)
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(CircuitOpenException.class);
        });
    }

    @Test
    void methodThatThrowsInsteadOfReturningAFutureShouldCountAsFailure() {
        this.contextRunner.run((context) -> {
            AsyncQuoteService service = context.getBean(AsyncQuoteService.class);
            assertThat(service.throwing("ACME")).succeedsWithin(WAIT)
                .isEqualTo("cached ACME after UnsupportedOperationException");
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("async-quotes").stats().failures())
                .isOne();
        });
    }

    static class AsyncQuoteService {

        private final Downstream downstream;

        AsyncQuoteService(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitProtected(name = "async-quotes", fallbackMethod = "cachedQuote")
        public CompletableFuture<String> quote(String symbol) {
            return this.downstream.callAsync(symbol);
        }

        @CircuitProtected(name = "async-quotes", fallbackMethod = "cachedQuote")
        public CompletableFuture<String> throwing(String symbol) {
            throw new UnsupportedOperationException("no future");
        }

        CompletableFuture<String> cachedQuote(String symbol, Throwable error) {
            return CompletableFuture.completedFuture("cached " + symbol + " after " + error.getClass().getSimpleName());
        }

        @CircuitProtected(name = "stages")
        public CompletionStage<String> stage(String symbol) {
            return this.downstream.callAsync(symbol);
        }
    }
}
