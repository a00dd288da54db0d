package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.store.BreakerId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis holds one bounded key per breaker that is open, half-open or forced, and nothing else. */
class RedisStateStoreKeysTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void breakersThatNeverLeftClosedHoldNoKeyAndClosingDeletesIt() {
        CircuitBreakerRegistry registry = instances.registry();
        for (int i = 0; i < 50; i++) {
            registry.breaker("payment", "user-" + i).get(() -> "ok");
        }
        CircuitBreaker tripped = registry.breaker("orders");
        trip(tripped);
        await().atMost(Duration.ofSeconds(1)).until(() -> stateKeys().size() == 1);

        tripped.reset();

        await().atMost(Duration.ofSeconds(1)).until(() -> stateKeys().isEmpty());
        assertThat(redis.command("EXISTS", instances.prefix() + "index")).isEqualTo(":0");
    }

    @Test
    void keysThatUrlEncodingMixedUpStayApartAcrossInstances() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreakerRegistry registryB = instances.registry();
        CircuitBreaker lone = registryB.breaker("bot", "user\uD800");
        CircuitBreaker question = registryB.breaker("bot", "user?");

        registryA.breaker("bot", "user\uD800").forceOpen();

        await().atMost(Duration.ofSeconds(1)).until(() -> lone.state() == CircuitState.FORCED_OPEN);
        assertThat(question.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stateKeys()).containsExactly(instances.prefix() + "{bot:user%d800}");
    }

    @Test
    void aLongKeyIsStoredUnderItsHashAndStillReachesTheOtherInstance() {
        String longKey = "k".repeat(10_000);
        CircuitBreaker a = instances.registry().breaker("payment", longKey);
        CircuitBreaker b = instances.registry().breaker("payment", longKey);

        trip(a);

        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
        List<String> keys = stateKeys();
        assertThat(keys).singleElement().asString().matches(".*\\{#[0-9a-f]{64}}").hasSizeLessThan(100);
        assertThat(redis.command("GET", keys.get(0))).endsWith("|payment:" + longKey + "|~|~");
    }

    @Test
    void aStalePastOpenValueReadsHalfOpenWithoutTheEndedPeriodsFailedRecoveries() {
        long openedAt = Instances.START.minusSeconds(600).toEpochMilli();
        long openUntil = Instances.START.minusSeconds(300).toEpochMilli();
        redis.command("SET", instances.prefix() + "{payment}", "v2|OPEN|" + openUntil + "|4|" + openedAt + "|payment");
        ManualClock clock = new ManualClock(Instances.START);
        RedisStateStore store = instances.store(clock);

        assertThat(store.load(new BreakerId("payment", null)).failedRecoveries()).isZero();
        CircuitBreaker breaker = instances.registry(store, clock).breaker("payment");
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        Instances.fail(breaker, 1);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.retryAfter()).as("the first failed recovery of a new period: 30s x 1.5, not x 1.5^5")
                .isEqualTo(Duration.ofSeconds(45));
    }

    private List<String> stateKeys() {
        return redis.keys(instances.prefix() + "{*}");
    }
}
