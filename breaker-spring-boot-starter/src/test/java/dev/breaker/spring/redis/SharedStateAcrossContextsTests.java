package dev.breaker.spring.redis;

import dev.breaker.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.store.OpenQuorum;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two Spring application contexts in one JVM, as two instances of a service, share their
 * breakers' transitions through one real {@code redis-server}.
 */
class SharedStateAcrossContextsTests {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BreakerRedisAutoConfiguration.class,
                dev.breaker.spring.autoconfigure.BreakerAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
                "breaker.state-store.type=redis",
                "breaker.state-store.redis.key-prefix=test-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                "breaker.instances.payment.consecutive-failures-threshold=3",
                "breaker.instances.payment.wait-in-open=30s");

    @Test
    void breakerTrippedInOneContextRejectsInTheOtherWithinOneSecondAndAResetReachesItToo() {
        this.contextRunner.run((a) -> this.contextRunner.run((b) -> {
            CircuitBreaker paymentOnA = a.getBean(CircuitBreakerRegistry.class).breaker("payment");
            CircuitBreaker paymentOnB = b.getBean(CircuitBreakerRegistry.class).breaker("payment");
            assertThat(paymentOnB.get(() -> "paid")).isEqualTo("paid");

            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> paymentOnA.get(() -> {
                    throw new IllegalStateException(new IOException("payment provider is down"));
                }));
            }
            assertThat(paymentOnA.state()).isEqualTo(CircuitState.OPEN);

            await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnB.state() == CircuitState.OPEN);
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> paymentOnB.get(() -> "paid"))
                .satisfies((ex) -> assertThat(ex.getNextRetryAt()).isEqualTo(paymentOnA.nextRetryAt()));

            paymentOnA.reset();
            await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnB.state() == CircuitState.CLOSED);
            assertThat(paymentOnB.get(() -> "paid")).isEqualTo("paid");
        }));
    }

    @Test
    void forceOpenInOneContextReachesABreakerTheOtherCreatesLater() {
        this.contextRunner.run((a) -> this.contextRunner.run((b) -> {
            a.getBean(CircuitBreakerRegistry.class).breaker("inventory").forceOpen();
            CircuitBreakerRegistry registryB = b.getBean(CircuitBreakerRegistry.class);
            await().atMost(Duration.ofSeconds(1))
                .until(() -> redis.command("GET", prefixOf(b) + "{inventory}") != null);
            assertThat(registryB.breaker("inventory").state()).isEqualTo(CircuitState.FORCED_OPEN);
        }));
    }

    @Test
    void withAnOpenQuorumOfTwoOneContextsTripIsItsOwnAndTheSecondOpensAllThree() {
        ApplicationContextRunner quorumOfTwo = this.contextRunner
            .withPropertyValues("breaker.state-store.redis.open-quorum=2");
        quorumOfTwo.run((a) -> quorumOfTwo.run((b) -> quorumOfTwo.run((c) -> {
            CircuitBreaker paymentOnA = a.getBean(CircuitBreakerRegistry.class).breaker("payment");
            CircuitBreaker paymentOnB = b.getBean(CircuitBreakerRegistry.class).breaker("payment");
            CircuitBreaker paymentOnC = c.getBean(CircuitBreakerRegistry.class).breaker("payment");
            CircuitBreakersEndpoint endpointOnC = new CircuitBreakersEndpoint(c.getBean(CircuitBreakerRegistry.class));

            trip(paymentOnA);
            await().atMost(Duration.ofSeconds(1))
                .until(() -> endpointOnC.breaker("payment").getShared().equals(new OpenQuorum(1, 2)));
            assertThat(paymentOnA.state()).isEqualTo(CircuitState.OPEN);
            assertThat(paymentOnC.state()).isEqualTo(CircuitState.CLOSED);

            trip(paymentOnB);
            await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnC.state() == CircuitState.OPEN);
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> paymentOnC.get(() -> "paid"));
            assertThat(endpointOnC.breaker("payment").getShared()).isEqualTo(new OpenQuorum(2, 2));
        })));
    }

    private static void trip(CircuitBreaker breaker) {
        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> breaker.get(() -> {
                throw new IllegalStateException(new IOException("payment provider is down"));
            }));
        }
    }

    private static String prefixOf(org.springframework.context.ApplicationContext context) {
        return context.getEnvironment().getProperty("breaker.state-store.redis.key-prefix");
    }
}
