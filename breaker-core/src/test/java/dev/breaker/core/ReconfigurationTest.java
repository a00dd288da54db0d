package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link CircuitBreakerRegistry#reconfigure}: new settings, the same breaker. */
class ReconfigurationTest {

    private final ManualClock clock = new ManualClock();

    private final List<BreakerReconfiguredEvent> events = new CopyOnWriteArrayList<>();

    private final CircuitBreakerConfig original = config().consecutiveFailuresThreshold(2).countWindow(10)
        .minimumCalls(5).waitInOpen(Duration.ofSeconds(10)).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1)
        .build();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock)
        .config("payment", original)
        .listener(new CircuitBreakerListener() {
            @Override
            public void onReconfigured(BreakerReconfiguredEvent event) {
                events.add(event);
            }
        })
        .build();

    private final CircuitBreaker payment = registry.breaker("payment");

    @Test
    void anOpenBreakerStaysOpenWithTheSameRetryTimeAndTheNewSettingsApplyFromItsNextDecision() {
        fail(payment, 2);
        Instant retryAt = payment.nextRetryAt();
        clock.advance(Duration.ofSeconds(3));
        registry.reconfigure("payment", original.toBuilder().waitInOpen(Duration.ofSeconds(40))
            .consecutiveFailuresThreshold(4).build());
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        assertThat(payment.nextRetryAt()).isEqualTo(retryAt);
        assertThat(payment.stats().failures()).isEqualTo(2);
        assertThat(payment.config().waitInOpen()).isEqualTo(Duration.ofSeconds(40));

        clock.advance(Duration.ofSeconds(7));
        succeed(payment, 1);
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
        fail(payment, 3);
        assertThat(payment.state()).as("the new threshold: four in a row").isEqualTo(CircuitState.CLOSED);
        fail(payment, 1);
        assertThat(payment.retryAfter()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aHalfOpenBreakerKeepsItsTrialInFlightAndTakesTheNewPermitsForTheNextOnes() {
        fail(payment, 2);
        clock.advance(Duration.ofSeconds(10));
        AdmittedCall trial = payment.admit();
        assertThat(catchThrowableOfType(CircuitOpenException.class, payment::admit)).isNotNull();
        registry.reconfigure("payment", original.toBuilder().halfOpenPermittedCalls(2).halfOpenSuccessThreshold(2)
            .build());
        assertThat(payment.state()).isEqualTo(CircuitState.HALF_OPEN);
        AdmittedCall second = payment.admit();
        trial.succeeded();
        assertThat(payment.state()).as("two successes are needed now").isEqualTo(CircuitState.HALF_OPEN);
        second.succeeded();
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void theWindowStaysWhenItsShapeDoesAndStartsEmptyWhenItChanges() {
        succeed(payment, 3);
        fail(payment, 1);
        registry.reconfigure("payment", original.toBuilder().failureRateThreshold(0.9).build());
        assertThat(payment.stats().windowCalls()).isEqualTo(4);
        assertThat(payment.windowResetAt()).isNull();
        assertThat(events.get(0).windowReset()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        registry.reconfigure("payment", original.toBuilder().countWindow(20).build());
        assertThat(payment.stats().windowCalls()).isZero();
        assertThat(payment.windowResetAt()).isEqualTo(clock.instant());
        assertThat(payment.stats().calls()).as("lifetime statistics stay").isEqualTo(4);
        assertThat(events.get(1).windowReset()).isTrue();
    }

    @Test
    void keyedChildrenFollowTheirNamedBreakerAtOnce() {
        CircuitBreaker child = payment.child("user-1");
        fail(child, 2);
        registry.reconfigure("payment", original.toBuilder().maxKeys(3).waitInOpen(Duration.ofSeconds(5)).build());
        assertThat(child.config().maxKeys()).isEqualTo(3);
        assertThat(child.state()).isEqualTo(CircuitState.OPEN);
        assertThat(payment.child("user-2").config()).isSameAs(payment.config());
    }

    @Test
    void listenersHearWhichSettingsChangedWithOldAndNewValues() {
        registry.reconfigure("payment", original.toBuilder().failureRateThreshold(0.8).waitInOpen(Duration.ofSeconds(20))
            .build());
        BreakerReconfiguredEvent event = events.get(0);
        assertThat(event.breakerName()).isEqualTo("payment");
        assertThat(event.changes()).containsOnlyKeys("failure-rate-threshold", "wait-in-open");
        assertThat(event.changes().get("failure-rate-threshold"))
            .isEqualTo(new BreakerReconfiguredEvent.Change(0.5, 0.8));
        assertThat(event.changes().get("wait-in-open")).isEqualTo(new BreakerReconfiguredEvent.Change("PT10S", "PT20S"));
        assertThat(event.at()).isEqualTo(clock.instant());
    }

    @Test
    void newDefaultsReachEveryBreakerWithoutItsOwnConfigurationAndABreakerCanGoBackToThem() {
        CircuitBreaker other = registry.breaker("other");
        CircuitBreakerConfig defaults = config().waitInOpen(Duration.ofSeconds(50)).build();
        registry.reconfigureDefaults(defaults);
        assertThat(other.config()).isSameAs(defaults);
        assertThat(registry.breaker("later").config()).isSameAs(defaults);
        assertThat(payment.config()).isSameAs(original);

        fail(payment, 2);
        registry.useDefaults("payment");
        assertThat(payment.config()).isSameAs(defaults);
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        assertThat(registry.configuredNames()).doesNotContain("payment");
    }

    @Test
    void aBreakerNotYetMadeIsMadeWithTheNewConfiguration() {
        CircuitBreakerConfig fresh = config().waitInOpen(Duration.ofSeconds(3)).build();
        registry.reconfigure("inventory", fresh);
        assertThat(registry.breaker("inventory").config()).isSameAs(fresh);
        assertThat(events).as("nothing existed to reconfigure").isEmpty();
    }
}
