package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitOpenExceptionTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:15:18Z"));

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(clock)
        .defaults(config().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(12)).build())
        .build();

    private final CircuitBreaker breaker = registry.breaker("payment");

    private CircuitOpenException rejection(CircuitBreaker breaker) {
        return catchThrowableOfType(CircuitOpenException.class, () -> breaker.get(() -> "never"));
    }

    @Test
    void theMessageSaysWhichBreakerRejectsAndUntilWhen() {
        Calls.fail(breaker, 1);
        CircuitOpenException rejection = rejection(breaker);
        assertThat(rejection).hasMessage(
                "Circuit breaker 'payment' is OPEN; calls are rejected until 2026-11-23T10:15:30Z (retry in 12s)");
        assertThat(rejection.getBreakerName()).isEqualTo("payment");
        assertThat(rejection.getKey()).isNull();
        assertThat(rejection.getState()).isEqualTo(CircuitState.OPEN);
        assertThat(rejection.getNextRetryAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(rejection.getRetryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(rejection).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theRetryInSecondsAreRoundedUpAndFollowTheClock() {
        Calls.fail(breaker, 1);
        clock.advance(Duration.ofMillis(500));
        assertThat(rejection(breaker)).hasMessageEndingWith("(retry in 12s)");
        clock.advance(Duration.ofMillis(1000));
        assertThat(rejection(breaker).getRetryAfter()).isEqualTo(Duration.ofMillis(10_500));
        assertThat(rejection(breaker)).hasMessageEndingWith("(retry in 11s)");
    }

    @Test
    void theRetryAfterIsNeverNegative() {
        Calls.fail(breaker, 1);
        CircuitOpenException rejection = rejection(breaker);
        clock.advance(Duration.ofMinutes(5));
        assertThat(rejection.getRetryAfter()).isZero();
        assertThat(rejection).hasMessageEndingWith("(retry in 0s)");
    }

    @Test
    void itIsStackless() {
        Calls.fail(breaker, 1);
        CircuitOpenException rejection = rejection(breaker);
        assertThat(rejection.getStackTrace()).isEmpty();
        rejection.addSuppressed(new IllegalStateException("other"));
        assertThat(rejection.getSuppressed()).isEmpty();
        assertThat(rejection.getCause()).isNull();
    }

    @Test
    void theSameInstanceServesEveryRejectionWhileOpen() {
        Calls.fail(breaker, 1);
        CircuitOpenException first = rejection(breaker);
        clock.advance(Duration.ofSeconds(5));
        assertThat(rejection(breaker)).isSameAs(first);
        clock.advance(Duration.ofSeconds(7));
        Calls.fail(breaker, 1);
        CircuitOpenException next = rejection(breaker);
        assertThat(next).isNotSameAs(first);
        assertThat(next.getNextRetryAt()).isAfter(first.getNextRetryAt());
    }

    @Test
    void aForcedOpenBreakerHasNoRetryTime() {
        breaker.forceOpen();
        CircuitOpenException rejection = rejection(breaker);
        assertThat(rejection.getState()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(rejection.getNextRetryAt()).isNull();
        assertThat(rejection.getRetryAfter()).isZero();
        assertThat(rejection)
            .hasMessage("Circuit breaker 'payment' is FORCED_OPEN; calls are rejected until an operator resets it");
        assertThat(rejection(breaker)).isSameAs(rejection);
    }

    @Test
    void aKeyedChildNamesItsKey() {
        CircuitBreaker child = registry.breaker("payment", "user-42");
        Calls.fail(child, 1);
        CircuitOpenException rejection = rejection(child);
        assertThat(rejection.getBreakerName()).isEqualTo("payment");
        assertThat(rejection.getKey()).isEqualTo("user-42");
        assertThat(rejection).hasMessage("Circuit breaker 'payment' (key 'user-42') is OPEN; calls are rejected until"
                + " 2026-11-23T10:15:30Z (retry in 12s)");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }
}
