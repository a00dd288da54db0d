package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenWaitTest {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerConfig.Builder config = config().consecutiveFailuresThreshold(1).minimumCalls(1)
        .waitInOpen(Duration.ofSeconds(10)).backoffMultiplier(2).backoffMaxWait(Duration.ofSeconds(35))
        .halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1);

    private CircuitBreaker breaker(CircuitBreakerConfig config, double random) {
        return CircuitBreaker.builder("payment").config(config).clock(clock).random(() -> random).build();
    }

    /** Waits out the open wait and fails the trial call; returns the new open wait. */
    private Duration failRecovery(CircuitBreaker breaker) {
        clock.advance(breaker.retryAfter());
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        return breaker.retryAfter();
    }

    @Test
    void aTrippedBreakerStaysOpenForTheWaitInOpen() {
        CircuitBreaker breaker = breaker(config.build(), 0.5);
        Instant trippedAt = clock.instant();
        fail(breaker, 1);
        assertThat(breaker.nextRetryAt()).isEqualTo(trippedAt.plusSeconds(10));
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofMillis(9999));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        Calls.rejected(breaker);
    }

    @Test
    void eachFailedRecoveryMultipliesTheWaitUpToTheMaxWait() {
        CircuitBreaker breaker = breaker(config.build(), 0.5);
        fail(breaker, 1);
        assertThat(failRecovery(breaker)).isEqualTo(Duration.ofSeconds(20));
        assertThat(failRecovery(breaker)).isEqualTo(Duration.ofSeconds(35));
        assertThat(failRecovery(breaker)).isEqualTo(Duration.ofSeconds(35));
        assertThat(breaker.stats().failedRecoveries()).isEqualTo(3);
        assertThat(breaker.stats().opens()).isEqualTo(4);
    }

    @Test
    void aSuccessfulRecoveryResetsTheWait() {
        CircuitBreaker breaker = breaker(config.build(), 0.5);
        fail(breaker, 1);
        failRecovery(breaker);
        failRecovery(breaker);
        clock.advance(breaker.retryAfter());
        succeed(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(failRecovery(breaker)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void jitterSpreadsTheWaitBothWays() {
        CircuitBreakerConfig jittered = config.backoffJitter(0.2).build();
        CircuitBreaker low = breaker(jittered, 0.0);
        fail(low, 1);
        assertThat(low.retryAfter()).isEqualTo(Duration.ofSeconds(8));
        CircuitBreaker middle = breaker(jittered, 0.5);
        fail(middle, 1);
        assertThat(middle.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        CircuitBreaker high = breaker(jittered, 0.999_999);
        fail(high, 1);
        assertThat(high.retryAfter()).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    }

    @Test
    void jitterNeverTakesTheWaitPastTheMaxWait() {
        CircuitBreaker breaker = breaker(config.backoffJitter(1.0).build(), 0.999_999);
        fail(breaker, 1);
        assertThat(failRecovery(breaker)).isEqualTo(Duration.ofSeconds(35));
        assertThat(failRecovery(breaker)).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void jitteredWaitsStayInsideTheirBounds() {
        double[] draws = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999};
        for (double draw : draws) {
            CircuitBreaker breaker = breaker(config.backoffJitter(0.1).build(), draw);
            fail(breaker, 1);
            assertThat(breaker.retryAfter()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
            assertThat(failRecovery(breaker)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(22));
        }
    }

    @Test
    void theNextRetryTimeIsReadableAtAnyMoment() {
        CircuitBreaker breaker = breaker(config.build(), 0.5);
        assertThat(breaker.nextRetryAt()).isNull();
        assertThat(breaker.retryAfter()).isZero();
        fail(breaker, 1);
        Instant retryAt = breaker.nextRetryAt();
        clock.advance(Duration.ofMillis(2500));
        assertThat(breaker.nextRetryAt()).isEqualTo(retryAt);
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofMillis(7500));
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.nextRetryAt()).isEqualTo(retryAt);
        assertThat(stats.retryAfter()).isEqualTo(Duration.ofMillis(7500));
        assertThat(stats.retryAfterSeconds()).as("rounded up").isEqualTo(8);
    }
}
