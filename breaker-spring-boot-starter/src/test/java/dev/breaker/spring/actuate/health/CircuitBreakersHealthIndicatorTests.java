package dev.breaker.spring.actuate.health;

import static dev.breaker.spring.test.Breakers.trip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.BreakerMode;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class CircuitBreakersHealthIndicatorTests {

    private static final CircuitBreakerConfig TRIPS_AFTER_TWO = CircuitBreakerConfig.builder()
        .minimumCalls(2)
        .waitInOpen(Duration.ofSeconds(30))
        .backoffJitter(0)
        .build();

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .config("payment", TRIPS_AFTER_TWO.toBuilder().healthCritical(true).build())
        .config("recommendations", TRIPS_AFTER_TWO)
        .config("search", TRIPS_AFTER_TWO.toBuilder().healthCritical(true).mode(BreakerMode.SHADOW).build())
        .build();

    private final CircuitBreakersHealthIndicator indicator = new CircuitBreakersHealthIndicator(this.registry);

    @Test
    void healthWhenAllClosedShouldBeUpWithDetailsPerBreaker() {
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("payment", "recommendations", "search");
        assertThat(details(health, "payment")).containsEntry("state", "CLOSED")
            .containsEntry("mode", "enforce")
            .containsEntry("healthScore", 1.0)
            .containsEntry("healthCritical", true)
            .doesNotContainKey("nextRetryAt");
        assertThat(details(health, "recommendations")).containsEntry("healthCritical", false);
    }

    @Test
    void healthWhenHealthCriticalBreakerIsOpenShouldBeDown() {
        trip(this.registry.breaker("payment"));
        this.clock.advance(Duration.ofSeconds(10));
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(details(health, "payment")).containsEntry("state", "OPEN")
            .containsEntry("nextRetryAt", "2026-01-01T00:00:30Z")
            .containsEntry("retryAfterSeconds", 20L)
            .containsEntry("failureRate", 1.0);
    }

    @Test
    void healthWhenOtherBreakerIsOpenShouldBeUp() {
        trip(this.registry.breaker("recommendations"));
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health, "recommendations")).containsEntry("state", "OPEN");
    }

    @Test
    void healthWhenHealthCriticalBreakerIsPastItsRetryTimeShouldBeUp() {
        trip(this.registry.breaker("payment"));
        this.clock.advance(Duration.ofSeconds(30));
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health, "payment")).containsEntry("state", "HALF_OPEN");
    }

    @Test
    void healthWhenHealthCriticalBreakerInShadowModeIsOpenShouldBeUp() {
        trip(this.registry.breaker("search"));
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health, "search")).containsEntry("state", "OPEN").containsEntry("mode", "shadow");
    }

    @Test
    void healthWhenHealthCriticalBreakerIsForcedOpenShouldBeUp() {
        this.registry.breaker("payment").forceOpen();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health, "payment")).containsEntry("state", "FORCED_OPEN");
    }

    @Test
    void healthWhenKeyedChildOfHealthCriticalBreakerIsOpenShouldBeUpAndCountIt() {
        CircuitBreaker payment = this.registry.breaker("payment");
        payment.child("user-1").get(() -> "ok");
        trip(payment.child("user-2"));
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(details(health, "payment")).containsEntry("keys", 2).containsEntry("openKeys", 1L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health, String breaker) {
        return (Map<String, Object>) health.getDetails().get(breaker);
    }

}
