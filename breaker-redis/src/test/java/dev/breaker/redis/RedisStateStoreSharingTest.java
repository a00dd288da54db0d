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
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two instances on one Redis share their breakers' transitions. */
class RedisStateStoreSharingTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void breakerTrippedOnOneInstanceRejectsOnTheOtherWithinOneSecond() {
        CircuitBreaker a = instances.registry().breaker("payment");
        CircuitBreaker b = instances.registry().breaker("payment");

        trip(a);

        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
        assertThat(b.nextRetryAt()).isEqualTo(a.nextRetryAt());
        assertThatThrownBy(b::admit).isInstanceOf(CircuitOpenException.class);
        assertThat(b.stats().failures()).as("call counts stay local").isZero();
    }

    @Test
    void resetAndForceActionsOnOneInstanceReachTheOther() {
        CircuitBreaker a = instances.registry().breaker("payment");
        CircuitBreaker b = instances.registry().breaker("payment");
        trip(a);
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);

        a.reset();
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.CLOSED);
        a.forceOpen();
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.FORCED_OPEN);
        a.forceClose();
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.FORCED_CLOSED);
        b.reset();
        await().atMost(Duration.ofSeconds(1)).until(() -> a.state() == CircuitState.CLOSED);
    }

    @Test
    void keyedChildrenAreSharedOneByOne() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreakerRegistry registryB = instances.registry();
        CircuitBreaker a = registryA.breaker("payment", "user:1");
        CircuitBreaker b = registryB.breaker("payment", "user:1");
        CircuitBreaker otherKeyOnB = registryB.breaker("payment", "user:2");
        CircuitBreaker collidingNameOnB = registryB.breaker("payment:user:1");

        trip(a);

        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
        assertThatThrownBy(b::admit).isInstanceOf(CircuitOpenException.class)
                .satisfies(ex -> assertThat(((CircuitOpenException) ex).getKey()).isEqualTo("user:1"));
        assertThat(registryB.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(otherKeyOnB.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(collidingNameOnB.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(redis.command("EXISTS", instances.prefix() + "{payment:user%003a1}")).isEqualTo(":1");

        CircuitBreaker createdLater = instances.registry().breaker("payment", "user:1");
        assertThat(createdLater.state()).as("a child created later reads the stored state")
                .isEqualTo(CircuitState.OPEN);
        assertThat(createdLater.nextRetryAt()).isEqualTo(a.nextRetryAt());
    }

    @Test
    void namesAndKeysThatLookAlikeUseDifferentRedisKeys() {
        CircuitBreakerRegistry registry = instances.registry();
        trip(registry.breaker("a:b"));
        trip(registry.breaker("a", "b"));
        trip(registry.breaker("a b", "c|permits|1"));

        await().atMost(Duration.ofSeconds(1)).until(() -> redis.keys(instances.prefix() + "{*}").size() == 3);
        assertThat(redis.keys(instances.prefix() + "{*}")).containsExactlyInAnyOrder(instances.prefix() + "{a%003ab}",
                instances.prefix() + "{a:b}", instances.prefix() + "{a%0020b:c%007cpermits%007c1}");
    }

    @Test
    void openBreakerStaysOpenAcrossARestartUntilItsRetryTime() throws Exception {
        ManualClock clockA = new ManualClock(Instances.START);
        CircuitBreakerRegistry before = instances.registry(clockA);
        CircuitBreaker tripped = before.breaker("payment");
        trip(tripped);
        String key = instances.prefix() + "{payment}";
        await().atMost(Duration.ofSeconds(1)).until(() -> redis.command("GET", key) != null);
        before.close();

        ManualClock clockB = new ManualClock(Instances.START.plusSeconds(10));
        CircuitBreaker restarted = instances.registry(clockB).breaker("payment");

        assertThat(restarted.state()).isEqualTo(CircuitState.OPEN);
        assertThat(restarted.nextRetryAt()).isEqualTo(Instances.START.plusSeconds(30));
        assertThat(restarted.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        clockB.advance(Duration.ofMillis(19_999));
        assertThatThrownBy(restarted::admit).isInstanceOf(CircuitOpenException.class);
        clockB.advanceMillis(1);
        assertThat(restarted.state()).isEqualTo(CircuitState.HALF_OPEN);
        restarted.admit().succeeded();
        long ttlMillis = Long.parseLong(redis.command("PTTL", key).substring(1));
        assertThat(ttlMillis).isBetween(Duration.ofHours(23).toMillis(), Duration.ofHours(24).toMillis());
    }

    @Test
    void storeOnASharedClientLeavesTheClientOpen() throws Exception {
        RedisClient client = RedisClient.create(redis.uri());
        try {
            RedisStateStore store = RedisStateStore.create(client, instances.prefix(), Duration.ofMinutes(5));
            CircuitBreaker a = instances.registry(store, new ManualClock(Instances.START)).breaker("payment");
            CircuitBreaker b = instances.registry().breaker("payment");
            assertThat(store.keyPrefix()).isEqualTo(instances.prefix());
            assertThat(store.ttl()).isEqualTo(Duration.ofMinutes(5));
            assertThat(store.isAvailable()).isTrue();

            trip(a);
            await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
            long ttlMillis = Long.parseLong(redis.command("PTTL", instances.prefix() + "{payment}").substring(1));
            assertThat(ttlMillis).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());

            store.close();
            assertThat(store.isAvailable()).isFalse();
            try (var connection = client.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            }
        }
        finally {
            client.shutdown();
        }
    }

    @Test
    void callsThroughAClosedBreakerSendNothingToRedis() {
        ManualClock clock = new ManualClock(Instances.START);
        RedisStateStore store = instances.track(instances.builder(clock).reconcileInterval(Duration.ofHours(1)).build());
        CircuitBreaker breaker = instances.registry(store, clock).breaker("payment");
        long before = commandsProcessed();

        for (int i = 0; i < 1000; i++) {
            breaker.get(() -> "ok");
        }
        for (int i = 0; i < 2; i++) {
            Instances.fail(breaker, 1);
            breaker.get(() -> "ok");
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(commandsProcessed() - before).as("only the second INFO itself").isEqualTo(1);
    }

    private static long commandsProcessed() {
        String info = redis.command("INFO", "stats");
        return info.lines().filter(line -> line.startsWith("total_commands_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElseThrow();
    }
}
