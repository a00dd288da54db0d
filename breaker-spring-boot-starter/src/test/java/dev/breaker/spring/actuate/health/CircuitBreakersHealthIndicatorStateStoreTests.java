package dev.breaker.spring.actuate.health;

import dev.breaker.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.store.InMemoryStateStore;
import dev.breaker.redis.RedisStateStore;

import io.lettuce.core.RedisURI;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The {@code circuitBreakers} health shows a shared state store and whether it is reachable. */
class CircuitBreakersHealthIndicatorStateStoreTests {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @Test
    void storeInThisJvmShouldAddNoDetail() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().stateStore(new InMemoryStateStore()).build();
        registry.breaker("payment");
        Health health = new CircuitBreakersHealthIndicator(registry).health();
        assertThat(health.getDetails()).containsOnlyKeys("payment");
    }

    @Test
    void reachableRedisStoreShouldBeAvailable() {
        try (RedisStateStore store = RedisStateStore.builder(redis.uri()).build();
                CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().stateStore(store).build()) {
            CircuitBreakersHealthIndicator indicator = new CircuitBreakersHealthIndicator(registry);
            await().atMost(Duration.ofSeconds(5)).until(store::isAvailable);
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("stateStore", Map.of("type", "redis", "status", "available"));
        }
    }

    @Test
    void unreachableRedisStoreShouldBeDegradedWithoutMakingHealthDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RedisURI nowhere = RedisURI.builder().withHost("127.0.0.1").withPort(closedPort).build();
        try (RedisStateStore store = RedisStateStore.builder(nowhere).build();
                CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().stateStore(store).build()) {
            registry.breaker("payment");
            Health health = new CircuitBreakersHealthIndicator(registry).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("payment").extractingByKey("stateStore")
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("type", "redis")
                .containsEntry("status", "degraded")
                .hasEntrySatisfying("reason", (reason) -> assertThat(reason).asString().contains("cannot connect"));
        }
    }
}
