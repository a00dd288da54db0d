package dev.breaker.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.redis.RedisCluster;
import dev.breaker.redis.RedisStateStore;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With {@code spring.data.redis.cluster.nodes}, two application contexts share their breakers'
 * transitions through a real Redis Cluster of three masters.
 */
class SharedStateOnARedisClusterTests {

    @RegisterExtension
    static final RedisCluster cluster = new RedisCluster();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BreakerRedisAutoConfiguration.class,
                BreakerAutoConfiguration.class))
        .withPropertyValues("breaker.state-store.type=redis",
                "breaker.state-store.redis.key-prefix=test-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                "breaker.instances.payment.consecutive-failures-threshold=3");

    @Test
    void breakerTrippedInOneContextRejectsInTheOtherThroughTheCluster() {
        ApplicationContextRunner onCluster = this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes="
                + cluster.uris().stream().map((uri) -> uri.getHost() + ":" + uri.getPort()).collect(Collectors.joining(",")));
        onCluster.run((a) -> onCluster.run((b) -> {
            await().atMost(Duration.ofSeconds(5)).until(b.getBean(RedisStateStore.class)::isAvailable);
            CircuitBreaker paymentOnA = a.getBean(CircuitBreakerRegistry.class).breaker("payment", "user-1");
            CircuitBreaker paymentOnB = b.getBean(CircuitBreakerRegistry.class).breaker("payment", "user-1");

            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> paymentOnA.get(() -> {
                    throw new IllegalStateException("payment provider is down");
                }));
            }

            await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnB.state() == CircuitState.OPEN);
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> paymentOnB.get(() -> "paid"));
            assertThat(paymentOnB.nextRetryAt()).isEqualTo(paymentOnA.nextRetryAt());
        }));
    }
}
