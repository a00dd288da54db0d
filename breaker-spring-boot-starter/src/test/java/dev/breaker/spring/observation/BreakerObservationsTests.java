package dev.breaker.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Breakers;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BreakerObservationsTests {

    private final ManualClock clock = new ManualClock();

    private final TestObservationRegistry observationRegistry = TestObservationRegistry.create();

    private final List<Observation.Event> events = new CopyOnWriteArrayList<>();

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .config("payment", CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(1)
            .waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0)
            .ignoreExceptions(IllegalArgumentException.class)
            .build())
        .build();

    private final BreakerObservations observations = new BreakerObservations(this.observationRegistry, null);

    BreakerObservationsTests() {
        this.observationRegistry.observationConfig().observationHandler(new EventRecorder());
        this.observations.observeCallsOf(this.breakers);
    }

    @Test
    void observedCallThatSucceedsShouldBeOneObservationWithOutcomeSuccess() throws Throwable {
        CircuitBreaker payment = this.breakers.breaker("payment");
        String result = this.observations.observe(payment, () -> payment.execute(() -> "paid"));
        assertThat(result).isEqualTo("paid");
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 1)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasContextualNameEqualTo("breaker payment")
            .hasLowCardinalityKeyValue("name", "payment")
            .hasLowCardinalityKeyValue("outcome", "success")
            .doesNotHaveError()
            .hasBeenStopped();
    }

    @Test
    void observedCallShouldBeCurrentWhileItRuns() throws Throwable {
        CircuitBreaker payment = this.breakers.breaker("payment");
        Observation.Context seen = this.observations.observe(payment,
                () -> payment.execute(() -> this.observationRegistry.getCurrentObservation().getContext()));
        assertThat(seen).isInstanceOf(BreakerCallContext.class);
        assertThat(((BreakerCallContext) seen).getBreakerName()).isEqualTo("payment");
    }

    @Test
    void observedCallThatFailsShouldCarryTheErrorAndOutcomeFailure() {
        CircuitBreaker payment = this.breakers.breaker("payment");
        IllegalStateException failure = new IllegalStateException("declined");
        assertThatIllegalStateException().isThrownBy(() -> this.observations.observe(payment, () -> payment.execute(() -> {
            throw failure;
        })));
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("outcome", "failure")
            .hasError(failure);
    }

    @Test
    void observedCallThatThrowsAnIgnoredExceptionShouldHaveOutcomeIgnoredAndNoError() {
        CircuitBreaker payment = this.breakers.breaker("payment");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> this.observations.observe(payment, () -> payment.execute(() -> {
                throw new IllegalArgumentException("not ours");
            })));
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("outcome", "ignored")
            .doesNotHaveError();
    }

    @Test
    void callThatTimesOutShouldHaveOutcomeTimeout() {
        this.breakers.breaker("payment").admit().timedOut();
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("outcome", "timeout")
            .hasBeenStopped();
    }

    @Test
    void rejectedCallShouldHaveOutcomeRejectedAndAnEventWithBreakerStateAndRetryAfter() {
        CircuitBreaker payment = this.breakers.breaker("payment");
        Breakers.trip(payment);
        this.clock.advance(Duration.ofSeconds(18));
        this.observationRegistry.clear();
        this.events.clear();
        assertThatExceptionOfType(CircuitOpenException.class)
            .isThrownBy(() -> this.observations.observe(payment, () -> payment.execute(() -> "not run")));
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 1)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("outcome", "rejected")
            .hasHighCardinalityKeyValue("breaker.state", "OPEN")
            .hasHighCardinalityKeyValue("breaker.retry-after", "12")
            .doesNotHaveError();
        assertThat(this.events).singleElement().satisfies((event) -> {
            assertThat(event.getName()).isEqualTo("breaker.rejected");
            assertThat(event.getContextualName()).isEqualTo("short-circuited: breaker=payment state=OPEN retry-after=12s");
        });
    }

    @Test
    void callThroughTheCoreApiShouldBeObservedByTheListener() {
        this.breakers.breaker("inventory").get(() -> "in stock");
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 1)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("name", "inventory")
            .hasLowCardinalityKeyValue("outcome", "success")
            .hasBeenStopped();
    }

    @Test
    void callThroughAnotherBreakerInsideAnObservedCallShouldBeItsOwnObservation() throws Throwable {
        CircuitBreaker payment = this.breakers.breaker("payment");
        CircuitBreaker inventory = this.breakers.breaker("inventory");
        this.observations.observe(payment, () -> payment.execute(() -> inventory.get(() -> "nested")));
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 2)
            .hasAnObservationWithAKeyValue("name", "payment")
            .hasAnObservationWithAKeyValue("name", "inventory");
    }

    @Test
    void keyedCallShouldNotMakeTheKeyAKeyValue() throws Throwable {
        CircuitBreaker child = this.breakers.breaker("payment", "user-42");
        this.observations.observe(child, () -> child.execute(() -> "paid"));
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasObservationWithNameEqualTo("breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("name", "payment")
            .doesNotHaveLowCardinalityKeyValueWithKey("key")
            .doesNotHaveHighCardinalityKeyValueWithKey("key");
        TestObservationRegistryAssert.assertThat(this.observationRegistry)
            .hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
                .flatMap((context) -> context.getAllKeyValues().stream().map((keyValue) -> keyValue.getValue()).toList())
                .doesNotContain("user-42"));
    }

    @Test
    void conventionOfTheApplicationShouldReplaceTheDefault() throws Throwable {
        TestObservationRegistry registry = TestObservationRegistry.create();
        BreakerObservations custom = new BreakerObservations(registry, new TeamConvention());
        CircuitBreaker payment = this.breakers.breaker("payment");
        custom.observe(payment, () -> payment.execute(() -> "paid"));
        TestObservationRegistryAssert.assertThat(registry)
            .hasObservationWithNameEqualTo("team.breaker.calls")
            .that()
            .hasLowCardinalityKeyValue("team", "checkout")
            .hasLowCardinalityKeyValue("breaker", "payment");
    }

    static class TeamConvention implements BreakerObservationConvention {

        @Override
        public String getName() {
            return "team.breaker.calls";
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(BreakerCallContext context) {
            return KeyValues.of("team", "checkout", "breaker", context.getBreakerName());
        }

    }

    private final class EventRecorder implements ObservationHandler<Observation.Context> {

        @Override
        public void onEvent(Observation.Event event, Observation.Context context) {
            BreakerObservationsTests.this.events.add(event);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

    }

}
