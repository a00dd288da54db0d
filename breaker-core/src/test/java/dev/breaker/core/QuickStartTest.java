package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void tripsRejectsHalfOpensAndCloses() {
        ManualClock clock = new ManualClock();
        CircuitBreaker breaker = CircuitBreaker.builder("payment")
            .config(CircuitBreakerConfig.builder().failureRateThreshold(0.5).minimumCalls(4).countWindow(10)
                .waitInOpen(Duration.ofSeconds(30)).backoffJitter(0).halfOpenPermittedCalls(2)
                .halfOpenSuccessThreshold(2).build())
            .clock(clock)
            .build();
        for (int i = 0; i < 2; i++) {
            breaker.get(() -> "ok");
        }
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.get(() -> { throw new IllegalStateException("down"); }))
                .isInstanceOf(IllegalStateException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> breaker.get(() -> "never"))
            .isInstanceOf(CircuitOpenException.class)
            .hasMessage("Circuit breaker 'payment' is OPEN; calls are rejected until 2026-01-01T00:00:30Z (retry in 30s)");
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.failureRate()).isEqualTo(0.5);
        assertThat(stats.rejections()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        breaker.get(() -> "trial 1");
        breaker.get(() -> "trial 2");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        stats = breaker.stats();
        assertThat(stats.windowCalls()).isZero();
        assertThat(stats.calls()).isEqualTo(6);
        assertThat(stats.successfulRecoveries()).isEqualTo(1);
        assertThat(stats.timeInOpen()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stats.consecutiveSuccesses()).isEqualTo(2);
    }
}
