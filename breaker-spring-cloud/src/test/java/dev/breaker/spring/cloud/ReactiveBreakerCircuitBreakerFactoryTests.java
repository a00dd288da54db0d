package dev.breaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** What Spring Cloud expects of a {@code ReactiveCircuitBreakerFactory}, over the registry's breakers. */
class ReactiveBreakerCircuitBreakerFactoryTests {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .config("payment", CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(1)
            .waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0)
            .build())
        .build();

    private final ReactiveBreakerCircuitBreakerFactory factory = new ReactiveBreakerCircuitBreakerFactory(this.registry);

    @Test
    void runMonoShouldEmitTheResult() {
        StepVerifier.create(this.factory.create("foo").run(Mono.just("foobar"))).expectNext("foobar").verifyComplete();
    }

    @Test
    void runFluxShouldEmitTheResults() {
        StepVerifier.create(this.factory.create("foo", "groupFoo").run(Flux.just("foo", "bar")))
            .expectNext("foo", "bar")
            .verifyComplete();
        assertThat(this.registry.breaker("foo").stats().successes()).isEqualTo(1);
    }

    @Test
    void runMonoWithFallbackShouldAnswerAFailureFromTheFallback() {
        ReactiveCircuitBreaker breaker = this.factory.create("foo");
        StepVerifier.create(breaker.run(Mono.error(new IllegalStateException("boom")), (error) -> Mono.just("fallback")))
            .expectNext("fallback")
            .verifyComplete();
    }

    @Test
    void runFluxWithFallbackShouldAnswerAFailureFromTheFallback() {
        ReactiveCircuitBreaker breaker = this.factory.create("foo");
        StepVerifier.create(breaker.run(Flux.error(new IllegalStateException("boom")), (error) -> Flux.just("fallback")))
            .expectNext("fallback")
            .verifyComplete();
    }

    @Test
    void runWithoutFallbackShouldSignalNoFallbackAvailable() {
        StepVerifier.create(this.factory.create("foo").run(Mono.error(new IllegalStateException("boom"))))
            .verifyError(NoFallbackAvailableException.class);
    }

    @Test
    void eachSubscriptionShouldBeOneCallThroughTheRegistrysBreaker() {
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> call = this.factory.create("payment")
            .run(Mono.fromCallable(() -> "paid " + subscriptions.incrementAndGet()));
        StepVerifier.create(call).expectNext("paid 1").verifyComplete();
        StepVerifier.create(call).expectNext("paid 2").verifyComplete();
        assertThat(this.registry.breaker("payment").stats().successes()).isEqualTo(2);
    }

    @Test
    void runOnAnOpenBreakerShouldPassTheRejectionToTheFallbackWithoutSubscribing() {
        ReactiveCircuitBreaker breaker = this.factory.create("payment");
        StepVerifier.create(breaker.run(Mono.error(new IllegalStateException("declined")), (error) -> Mono.just("queued")))
            .expectNext("queued")
            .verifyComplete();
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.OPEN);
        this.clock.advance(Duration.ofSeconds(18));
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> call = Mono.fromCallable(() -> "paid " + subscriptions.incrementAndGet());
        StepVerifier.create(breaker.run(call, (error) -> Mono.just(((CircuitOpenException) error).getRetryAfter())
            .map((retryAfter) -> "retry in " + retryAfter.toSeconds() + "s")))
            .expectNext("retry in 12s")
            .verifyComplete();
        assertThat(subscriptions).hasValue(0);
    }

}
