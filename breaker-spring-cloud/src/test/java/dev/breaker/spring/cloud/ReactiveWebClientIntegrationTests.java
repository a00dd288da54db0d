package dev.breaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link ReactiveBreakerCircuitBreakerFactory} around a {@link WebClient} calling a downstream
 * on loopback: failures trip the breaker, a rejection reaches the fallback without a request
 * reaching the downstream, and a trial call after the open wait closes it again.
 */
class ReactiveWebClientIntegrationTests {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .config("prices", CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(2)
            .waitInOpen(Duration.ofSeconds(10))
            .backoffJitter(0)
            .halfOpenSuccessThreshold(1)
            .build())
        .build();

    private final ReactiveCircuitBreaker breaker = new ReactiveBreakerCircuitBreakerFactory(this.registry)
        .create("prices");

    private final StubServer downstream = StubServer.start("42.0");

    private final WebClient client = WebClient.create(this.downstream.baseUrl());

    ReactiveWebClientIntegrationTests() throws Exception {
    }

    @AfterEach
    void stopDownstream() {
        this.downstream.close();
    }

    @Test
    void webClientShouldTripRejectWithoutRequestsFallBackAndRecover() {
        StepVerifier.create(price()).expectNext("42.0").verifyComplete();

        this.downstream.fail();
        StepVerifier.create(price()).expectNext("cached (ServiceUnavailable)").verifyComplete();
        StepVerifier.create(price()).expectNext("cached (ServiceUnavailable)").verifyComplete();
        assertThat(this.registry.breaker("prices").state()).isEqualTo(CircuitState.OPEN);
        int requestsWhenOpened = this.downstream.requests();

        StepVerifier.create(price()).expectNext("cached (open, retry in 10s)").verifyComplete();
        assertThat(this.downstream.requests()).isEqualTo(requestsWhenOpened);

        this.downstream.recover();
        this.clock.advance(Duration.ofSeconds(10));
        StepVerifier.create(price()).expectNext("42.0").verifyComplete();
        assertThat(this.downstream.requests()).isEqualTo(requestsWhenOpened + 1);
        assertThat(this.registry.breaker("prices").state()).isEqualTo(CircuitState.CLOSED);
    }

    private Mono<String> price() {
        Mono<String> request = this.client.get().uri("/prices/ACME").retrieve().bodyToMono(String.class);
        return this.breaker.run(request, (error) -> Mono.just("cached (" + reason(error) + ")"));
    }

    private static String reason(Throwable error) {
        if (error instanceof CircuitOpenException open) {
            return "open, retry in " + open.getRetryAfter().toSeconds() + "s";
        }
        return (error instanceof WebClientResponseException) ? error.getClass().getSimpleName() : error.toString();
    }

}
