package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.OpenQuorum;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With an open quorum of 2, one instance's trip is its own; the second opens the breaker for all. */
class RedisStateStoreOpenQuorumTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final BreakerId PAYMENT = new BreakerId("payment", null);

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void oneInstanceTrippingAloneOpensOnlyItselfAndASecondTripOpensAllThree() {
        CircuitBreaker a = instance().breaker("payment");
        CircuitBreaker b = instance().breaker("payment");
        CircuitBreaker c = instance().breaker("payment");
        RedisStateStore store = (RedisStateStore) instance().stateStore();

        trip(a);

        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        await().atMost(Duration.ofSeconds(1)).until(() -> store.openQuorum(PAYMENT).equals(new OpenQuorum(1, 2)));
        await().during(Instances.RECONCILE_INTERVAL.multipliedBy(3)).atMost(Duration.ofSeconds(2))
                .until(() -> b.state() == CircuitState.CLOSED && c.state() == CircuitState.CLOSED
                        && a.state() == CircuitState.OPEN);
        assertThat(redis.command("EXISTS", instances.prefix() + "{payment}")).isEqualTo(":0");

        trip(b);

        await().atMost(Duration.ofSeconds(1)).until(() -> c.state() == CircuitState.OPEN);
        assertThatThrownBy(c::admit).isInstanceOf(CircuitOpenException.class);
        assertThat(b.nextRetryAt()).isEqualTo(c.nextRetryAt());
        await().atMost(Duration.ofSeconds(1)).until(() -> a.nextRetryAt().equals(b.nextRetryAt()));
        assertThat(store.openQuorum(PAYMENT)).isEqualTo(new OpenQuorum(2, 2));
    }

    @Test
    void anInstanceThatClosesItsOwnTripTakesBackItsVote() {
        ManualClock clockA = new ManualClock(Instances.START);
        CircuitBreaker a = instances.registry(instances.track(instances.builder(clockA).openQuorum(2).build()), clockA)
                .breaker("payment");
        RedisStateStore store = (RedisStateStore) instance().stateStore();
        trip(a);
        await().atMost(Duration.ofSeconds(1)).until(() -> store.openQuorum(PAYMENT).instancesTripped() == 1);

        a.reset();

        await().atMost(Duration.ofSeconds(1)).until(() -> store.openQuorum(PAYMENT).instancesTripped() == 0);
    }

    private CircuitBreakerRegistry instance() {
        ManualClock clock = new ManualClock(Instances.START);
        return instances.registry(instances.track(instances.builder(clock).openQuorum(2).build()), clock);
    }
}
