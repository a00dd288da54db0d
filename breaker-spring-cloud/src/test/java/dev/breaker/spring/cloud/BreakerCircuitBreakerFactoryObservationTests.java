package dev.breaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.observation.BreakerCallContext;
import dev.breaker.spring.observation.BreakerObservations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;

/**
 * Calls through Spring Cloud's blocking breaker are {@code breaker.calls} observations that are
 * current while the call runs, each observed once, rejections included.
 */
class BreakerCircuitBreakerFactoryObservationTests {

    private final TestObservationRegistry observationRegistry = TestObservationRegistry.create();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .config("payment", CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(1)
            .waitInOpen(Duration.ofSeconds(30))
            .build())
        .build();

    private final CircuitBreaker payment;

    BreakerCircuitBreakerFactoryObservationTests() {
        BreakerObservations observations = new BreakerObservations(this.observationRegistry, null);
        observations.observeCallsOf(this.registry);
        this.payment = new BreakerCircuitBreakerFactory(() -> this.registry, () -> observations).create("payment");
    }

    @Test
    void callShouldBeAnObservationCurrentWhileItRuns() {
        Observation.Context current = this.payment.run(() -> this.observationRegistry.getCurrentObservation().getContext());
        assertThat(current).isInstanceOfSatisfying(BreakerCallContext.class,
                (context) -> assertThat(context.getBreakerName()).isEqualTo("payment"));
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 1)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("name", "payment")
            .hasLowCardinalityKeyValue("outcome", "success");
    }

    @Test
    void failureAndRejectionShouldEachBeOneObservation() {
        this.payment.run(() -> {
            throw new IllegalStateException("declined");
        }, (error) -> "queued");
        this.payment.run(() -> "not run", (error) -> "queued");
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 2)
            .hasAnObservationWithAKeyValue("outcome", "failure")
            .hasAnObservationWithAKeyValue("outcome", "rejected");
    }

}
