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

/** Through a real Sentinel, breakers keep their shared state across a failover. */
class RedisStateStoreSentinelTest {

    @RegisterExtension
    static final RedisSentinel sentinel = new RedisSentinel();

    private final Instances instances = new Instances(sentinel);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void breakersKeepTheirSharedStateThroughAFailover() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreakerRegistry registryB = instances.registry();
        RedisStateStore storeA = (RedisStateStore) registryA.stateStore();
        RedisStateStore storeB = (RedisStateStore) registryB.stateStore();
        CircuitBreaker paymentOnB = registryB.breaker("payment");
        CircuitBreaker ordersOnB = registryB.breaker("orders");
        trip(registryA.breaker("payment"));
        await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnB.state() == CircuitState.OPEN);
        int firstMaster = sentinel.masterPort();
        String paymentKey = instances.prefix() + "{payment}";
        await().atMost(Duration.ofSeconds(1)).until(() -> sentinel.server(firstMaster).command("WAIT", "1", "1000")
                .equals(":1"));

        sentinel.failOver();

        assertThat(sentinel.masterPort()).isNotEqualTo(firstMaster);
        assertThat(sentinel.server(sentinel.masterPort()).command("GET", paymentKey)).startsWith("v2|OPEN|");
        await().atMost(Duration.ofSeconds(5)).until(() -> storeA.isAvailable() && storeB.isAvailable());
        assertThat(paymentOnB.state()).isEqualTo(CircuitState.OPEN);
        assertThat(instances.registry().breaker("payment").state())
                .as("an instance started after the failover reads the state from the new master")
                .isEqualTo(CircuitState.OPEN);
        trip(registryA.breaker("orders"));
        await().atMost(Duration.ofSeconds(1)).until(() -> ordersOnB.state() == CircuitState.OPEN);
        registryA.breaker("payment").reset();
        await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnB.state() == CircuitState.CLOSED);
    }
}
