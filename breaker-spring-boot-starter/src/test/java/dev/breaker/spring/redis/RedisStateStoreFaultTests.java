package dev.breaker.spring.redis;

import dev.breaker.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.spring.actuate.health.CircuitBreakersHealthContributorAutoConfiguration;
import dev.breaker.spring.actuate.health.CircuitBreakersHealthIndicator;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A Redis that goes away while an application runs leaves its calls working on local state;
 * the {@code circuitBreakers} health shows the store degraded, not DOWN, and available again
 * once Redis is back.
 */
class RedisStateStoreFaultTests {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BreakerRedisAutoConfiguration.class,
                BreakerAutoConfiguration.class, CircuitBreakersHealthContributorAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
                "breaker.state-store.type=redis",
                "breaker.state-store.redis.key-prefix=test-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                "breaker.instances.payment.consecutive-failures-threshold=3",
                "breaker.instances.payment.wait-in-open=30s");

    @AfterEach
    void restartRedis() {
        redis.ensureRunning();
    }

    @Test
    void redisStoppedMidRunLeavesCallsWorkingAndHealthDegradedUntilItReturns() {
        this.contextRunner.run((context) -> {
            CircuitBreakersHealthIndicator health = context.getBean(CircuitBreakersHealthIndicator.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> "available".equals(storeStatus(health.health())));
            assertThat(stateStore(health.health())).containsEntry("type", "redis");

            redis.kill();
            await().atMost(Duration.ofSeconds(5)).until(() -> "degraded".equals(storeStatus(health.health())));
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            CircuitBreaker payment = registry.breaker("payment");
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                assertThat(payment.get(() -> "paid")).isEqualTo("paid");
                assertThat(registry.breaker("created-while-down-" + i).get(() -> "ok")).isEqualTo("ok");
            }
            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> payment.get(() -> {
                    throw new IllegalStateException("payment provider is down");
                }));
            }
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> payment.get(() -> "paid"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no call waited for Redis")
                .isLessThan(Duration.ofSeconds(1));
            Health degraded = health.health();
            assertThat(degraded.getStatus()).isEqualTo(Status.UP);
            assertThat(stateStore(degraded)).containsEntry("status", "degraded");
            assertThat(details(degraded, "payment")).containsEntry("state", "OPEN");

            redis.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> "available".equals(storeStatus(health.health())));
            String key = context.getEnvironment().getProperty("breaker.state-store.redis.key-prefix") + "{payment}";
            await().atMost(Duration.ofSeconds(1)).until(() -> redis.command("GET", key) != null);
            assertThat(redis.command("GET", key)).as("the trip made while Redis was away is shared once it returns")
                .startsWith("v2|OPEN|");
            payment.reset();
            await().atMost(Duration.ofSeconds(1)).until(() -> redis.command("GET", key) == null);
        });
    }

    @Test
    void redisDownAtStartupLeavesTheApplicationStartingAndHealthDegraded() {
        redis.kill();
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            Health health = context.getBean(CircuitBreakersHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(stateStore(health)).containsEntry("type", "redis").containsEntry("status", "degraded");
            CircuitBreaker payment = context.getBean(CircuitBreakerRegistry.class).breaker("payment");
            assertThat(payment.get(() -> "paid")).isEqualTo("paid");
        });
    }

    private static String storeStatus(Health health) {
        return (String) stateStore(health).get("status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stateStore(Health health) {
        return (Map<String, Object>) health.getDetails().get("stateStore");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health, String name) {
        return (Map<String, Object>) health.getDetails().get(name);
    }
}
