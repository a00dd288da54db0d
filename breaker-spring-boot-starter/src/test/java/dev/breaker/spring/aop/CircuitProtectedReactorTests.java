package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.breaker.core.CallTimeoutException;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.CircuitProtected;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link CircuitProtected} on methods that return a Reactor {@code Mono} or {@code Flux}. */
class CircuitProtectedReactorTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(CircuitProtectedContext.ClockAndDownstream.class)
        .withBean(ReactiveQuoteService.class)
        .withPropertyValues("breaker.defaults.consecutive-failures-threshold=2", "breaker.defaults.wait-in-open=10s",
                "breaker.defaults.backoff.jitter=0");

    @Test
    void monoShouldCallTheMethodAndRecordTheOutcomeOnSubscription() {
        this.contextRunner.run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            Downstream downstream = context.getBean(Downstream.class);
            Mono<String> quote = service.quote("ACME");
            assertThat(downstream.calls()).isZero();
            StepVerifier.create(quote).expectNext("live ACME").verifyComplete();
            StepVerifier.create(quote).expectNext("live ACME").verifyComplete();
            assertThat(downstream.calls()).isEqualTo(2);
            assertThat(stats(context.getBean(CircuitBreakerRegistry.class), "reactive-quotes").successes()).isEqualTo(2);
        });
    }

    @Test
    void monoShouldFallBackOnFailureAndThenOnRejection() {
        this.contextRunner.run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            StepVerifier.create(service.quote("ACME")).expectNext("cached ACME after IllegalStateException").verifyComplete();
            StepVerifier.create(service.quote("ACME")).expectNext("cached ACME after IllegalStateException").verifyComplete();
            StepVerifier.create(service.quote("ACME")).expectNext("cached ACME after CircuitOpenException").verifyComplete();
            assertThat(downstream.calls()).isEqualTo(2);
            CircuitBreakerStats stats = stats(context.getBean(CircuitBreakerRegistry.class), "reactive-quotes");
            assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
            assertThat(stats.failures()).isEqualTo(2);
            assertThat(stats.rejections()).isOne();
        });
    }

    @Test
    void fluxShouldRecordSuccessWhenItCompletes() {
        this.contextRunner.run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            StepVerifier.create(service.ticks("ACME")).expectNext("ACME 1", "ACME 2", "ACME 3").verifyComplete();
            assertThat(stats(context.getBean(CircuitBreakerRegistry.class), "ticks").successes()).isOne();
        });
    }

    @Test
    void fluxCancelledAfterItsFirstElementShouldCountAsSuccess() {
        this.contextRunner.run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            StepVerifier.create(service.ticks("ACME").take(1)).expectNext("ACME 1").verifyComplete();
            CircuitBreakerStats stats = stats(context.getBean(CircuitBreakerRegistry.class), "ticks");
            assertThat(stats.successes()).isOne();
            assertThat(stats.ignored()).isZero();
        });
    }

    @Test
    void failingFluxShouldFallBackAndOpenTheBreaker() {
        this.contextRunner.run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            StepVerifier.create(service.ticks("ACME")).expectNext("no ticks: IllegalStateException").verifyComplete();
            StepVerifier.create(service.ticks("ACME")).expectNext("no ticks: IllegalStateException").verifyComplete();
            StepVerifier.create(service.ticks("ACME")).expectNext("no ticks: CircuitOpenException").verifyComplete();
            assertThat(stats(context.getBean(CircuitBreakerRegistry.class), "ticks").state()).isEqualTo(CircuitState.OPEN);
        });
    }

    @Test
    void monoWithoutFallbackShouldErrorWithTheRejection() {
        this.contextRunner.run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            StepVerifier.create(service.bare("ACME")).verifyError(IllegalStateException.class);
            StepVerifier.create(service.bare("ACME")).verifyError(IllegalStateException.class);
            StepVerifier.create(service.bare("ACME")).verifyError(CircuitOpenException.class);
        });
    }

    @Test
    void monoRunningPastTheCallTimeoutShouldFailAsTimeout() {
        this.contextRunner.withPropertyValues("breaker.instances.slow.call-timeout=50ms").run((context) -> {
            ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
            StepVerifier.create(service.slow()).expectError(CallTimeoutException.class).verify(Duration.ofSeconds(5));
            CircuitBreakerStats stats = stats(context.getBean(CircuitBreakerRegistry.class), "slow");
            assertThat(stats.timeouts()).isOne();
            assertThat(stats.failures()).isOne();
        });
    }

    @Test
    void monoCancelledBeforeItsValueShouldCountAsIgnoredAndReleaseItsTrialPermit() {
        this.contextRunner
            .withPropertyValues("breaker.instances.slow.half-open.permitted-calls=1",
                    "breaker.instances.slow.half-open.success-threshold=1")
            .run((context) -> {
                ReactiveQuoteService service = context.getBean(ReactiveQuoteService.class);
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                for (int i = 0; i < 2; i++) {
                    assertThatIllegalStateException().isThrownBy(() -> registry.breaker("slow").run(() -> {
                        throw new IllegalStateException("down");
                    }));
                }
                context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
                assertThat(registry.breaker("slow").state()).isEqualTo(CircuitState.HALF_OPEN);
                Disposable trial = service.slow().subscribe();
                StepVerifier.create(service.slow()).verifyError(CircuitOpenException.class);
                trial.dispose();
                StepVerifier.create(service.slow()).expectSubscription().thenCancel().verify(Duration.ofSeconds(5));
                CircuitBreakerStats stats = stats(registry, "slow");
                assertThat(stats.ignored()).isEqualTo(2);
                assertThat(stats.rejections()).isOne();
            });
    }

    private static CircuitBreakerStats stats(CircuitBreakerRegistry registry, String name) {
        return registry.breaker(name).stats();
    }

    static class ReactiveQuoteService {

        private final Downstream downstream;

        ReactiveQuoteService(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitProtected(name = "reactive-quotes", fallbackMethod = "cachedQuote")
        public Mono<String> quote(String symbol) {
            return Mono.fromSupplier(() -> this.downstream.call(symbol));
        }

        Mono<String> cachedQuote(String symbol, Throwable error) {
            return Mono.just("cached " + symbol + " after " + error.getClass().getSimpleName());
        }

        @CircuitProtected(name = "bare-quotes")
        public Mono<String> bare(String symbol) {
            return Mono.fromSupplier(() -> this.downstream.call(symbol));
        }

        @CircuitProtected(name = "slow")
        public Mono<String> slow() {
            return Mono.never();
        }

        @CircuitProtected(name = "ticks", fallbackMethod = "noTicks")
        public Flux<String> ticks(String symbol) {
            return Flux.range(1, 3).map((i) -> this.downstream.call(symbol).replace("live ", "") + " " + i);
        }

        Flux<String> noTicks(String symbol, Throwable error) {
            return Flux.just("no ticks: " + error.getClass().getSimpleName());
        }
    }
}
