package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.store.InMemoryStateStore;
import dev.breaker.core.store.SharedState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An OPEN breaker that follows another instance's open period has not opened again. */
class SharedOpenPeriodTest {

    @Test
    void adoptingAnotherInstancesOpenPeriodIsNotANewOpening() {
        InMemoryStateStore store = new InMemoryStateStore();
        ManualClock clock = new ManualClock();
        CircuitBreaker breaker = CircuitBreakerRegistry.builder()
                .defaults(CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1).backoffJitter(0).build())
                .clock(clock)
                .stateStore(store)
                .instanceId("a")
                .build()
                .breaker("payment");
        long ticket = breaker.acquire();
        breaker.recordError(ticket, 1_000_000, new IOException("down"));
        Instant otherUntil = Instant.ofEpochMilli(clock.millis()).plusSeconds(45);

        store.publish("b", breaker.id(), new SharedState(CircuitState.OPEN, otherUntil.toEpochMilli(), 0,
                clock.millis()));

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.nextRetryAt()).isEqualTo(otherUntil);
        assertThat(breaker.stats().opens()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(45));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.stats().timeInOpen()).isEqualTo(Duration.ofSeconds(45));
    }
}
