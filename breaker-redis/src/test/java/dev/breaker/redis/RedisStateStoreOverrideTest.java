package dev.breaker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.BreakerOverride;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator's timed override, with its reason and name, reaches every instance, and ends on each. */
class RedisStateStoreOverrideTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void aTimedForceOpenReachesTheOtherInstancesAndOneStartedDuringItComesUpWithIt() {
        ManualClock clock = new ManualClock(Instances.START);
        CircuitBreaker a = instances.registry(clock).breaker("payment");
        CircuitBreaker b = instances.registry(clock).breaker("payment");

        a.forceOpen(Duration.ofMinutes(10), "provider maintenance", "alice");

        BreakerOverride expected = a.override().orElseThrow();
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.FORCED_OPEN);
        assertThat(b.override()).contains(expected);
        CircuitBreaker startedDuringIt = instances.registry(clock).breaker("payment");
        assertThat(startedDuringIt.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(startedDuringIt.override()).contains(expected);

        clock.advance(Duration.ofMinutes(10));
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(startedDuringIt.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aNewReasonOrDurationForTheSameOverrideIsSharedWithoutATransition() {
        ManualClock clock = new ManualClock(Instances.START);
        CircuitBreaker a = instances.registry(clock).breaker("payment");
        CircuitBreaker b = instances.registry(clock).breaker("payment");
        a.forceClose(Duration.ofMinutes(5), "incident 42", "bob");
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.FORCED_CLOSED);

        a.forceClose(Duration.ofMinutes(30), "incident 42, extended", "bob");

        await().atMost(Duration.ofSeconds(1))
            .until(() -> b.override().map(BreakerOverride::reason).orElse("").equals("incident 42, extended"));
        assertThat(b.override().orElseThrow().until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }
}
