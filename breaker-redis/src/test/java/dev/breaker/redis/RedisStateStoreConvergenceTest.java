package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instances converge on one state after Redis returns empty, and after a lost message. */
class RedisStateStoreConvergenceTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
        redis.ensureRunning();
    }

    @Test
    void afterRedisRestartsEmptyBothInstancesRejoinWithinTwoSecondsAndAgreeWithinFive() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreakerRegistry registryB = instances.registry();
        RedisStateStore storeA = (RedisStateStore) registryA.stateStore();
        RedisStateStore storeB = (RedisStateStore) registryB.stateStore();
        CircuitBreaker paymentB = registryB.breaker("payment");
        CircuitBreaker ordersB = registryB.breaker("orders");
        trip(registryA.breaker("payment"));
        await().atMost(Duration.ofSeconds(1)).until(() -> paymentB.state() == CircuitState.OPEN);

        redis.kill();
        await().atMost(Duration.ofSeconds(2)).until(() -> !storeA.isAvailable() && !storeB.isAvailable());
        trip(registryA.breaker("orders"));
        redis.start();
        long back = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).until(() -> storeA.isAvailable() && storeB.isAvailable());
        await().atMost(Duration.ofSeconds(5)).until(() -> ordersB.state() == CircuitState.OPEN);
        Duration converged = Duration.ofNanos(System.nanoTime() - back);
        assertThat(paymentB.state()).isEqualTo(CircuitState.OPEN);
        assertThat(redis.command("EXISTS", instances.prefix() + "{payment}"))
                .as("the OPEN that Redis forgot is stored again for instances that start later").isEqualTo(":1");
        assertThat(instances.registry().breaker("payment").state()).isEqualTo(CircuitState.OPEN);
        assertThat(converged).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aLostOpenMessageIsRepairedWithinTheReconcileInterval() {
        CircuitBreaker b = instances.registry().breaker("payment");
        String key = instances.prefix() + "{payment}";
        long openUntil = Instances.START.plusSeconds(30).toEpochMilli();

        // what an instance's trip leaves in Redis, without the message that should have announced it
        redis.command("SET", key, "v2|OPEN|" + openUntil + "|0|" + Instances.START.toEpochMilli() + "|payment");
        redis.command("SADD", instances.prefix() + "index", key);

        await().atMost(Instances.RECONCILE_INTERVAL.multipliedBy(3)).until(() -> b.state() == CircuitState.OPEN);
        assertThat(b.nextRetryAt().toEpochMilli()).isEqualTo(openUntil);
    }

    @Test
    void aLostResetMessageIsRepairedWithinTheReconcileInterval() {
        CircuitBreaker a = instances.registry().breaker("payment");
        CircuitBreaker b = instances.registry().breaker("payment");
        a.forceOpen();
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.FORCED_OPEN);

        // what an instance's reset leaves in Redis, without the message that should have announced it
        redis.command("DEL", instances.prefix() + "{payment}");

        await().atMost(Instances.RECONCILE_INTERVAL.multipliedBy(3))
                .until(() -> a.state() == CircuitState.CLOSED && b.state() == CircuitState.CLOSED);
    }
}
