package dev.breaker.spring.redis;

import dev.breaker.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.InMemoryStateStore;
import dev.breaker.core.store.LocalStateStore;
import dev.breaker.core.store.StateStore;
import dev.breaker.redis.RedisStateStore;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.InvalidBreakerPropertyException;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * {@code breaker.state-store.type=redis} makes a {@link RedisStateStore} on the application's
 * Redis settings, against a real {@code redis-server}; anything else makes none.
 */
class BreakerRedisAutoConfigurationTests {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BreakerRedisAutoConfiguration.class,
                BreakerAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());

    @Test
    void memoryStateStoreShouldMakeNoStore() {
        this.contextRunner.run((context) -> {
            assertThat(context).doesNotHaveBean(StateStore.class).doesNotHaveBean(StateStoreRedisClient.class);
            assertThat(context.getBean(CircuitBreakerRegistry.class).stateStore()).isInstanceOf(LocalStateStore.class);
        });
        this.contextRunner.withPropertyValues("breaker.state-store.type=memory")
            .run((context) -> assertThat(context).doesNotHaveBean(StateStore.class));
    }

    @Test
    void redisStateStoreShouldUseTheConfiguredPrefixAndTtlAndConnect() {
        this.contextRunner
            .withPropertyValues("breaker.state-store.type=redis", "breaker.state-store.redis.key-prefix=" + this.prefix,
                    "breaker.state-store.redis.ttl=2h", "breaker.state-store.redis.timeout=250ms",
                    "breaker.state-store.redis.open-quorum=3", "breaker.state-store.redis.reconcile-interval=2s")
            .run((context) -> {
                assertThat(context).hasSingleBean(StateStore.class);
                RedisStateStore store = context.getBean(RedisStateStore.class);
                assertThat(store.keyPrefix()).isEqualTo(this.prefix);
                assertThat(store.ttl()).isEqualTo(Duration.ofHours(2));
                assertThat(store.commandTimeout()).isEqualTo(Duration.ofMillis(250));
                assertThat(store.openQuorum()).isEqualTo(3);
                assertThat(store.reconcileInterval()).isEqualTo(Duration.ofSeconds(2));
                assertThat(context.getBean(CircuitBreakerRegistry.class).stateStore()).isSameAs(store);
                await().atMost(Duration.ofSeconds(5)).until(store::isAvailable);
            });
    }

    @Test
    void redisStateStoreShouldDefaultToPrefixBreakerAndOneDay() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=REDIS").run((context) -> {
            RedisStateStore store = context.getBean(RedisStateStore.class);
            assertThat(store.keyPrefix()).isEqualTo("breaker:");
            assertThat(store.ttl()).isEqualTo(Duration.ofHours(24));
            assertThat(store.commandTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(store.openQuorum()).isEqualTo(1);
            assertThat(store.reconcileInterval()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void redisStateStoreShouldConnectWithTheApplicationsUrlUserPasswordDatabaseAndClientName() {
        String user = "breaker-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(redis.command("ACL", "SETUSER", user, "on", ">s3cret", "~*", "&*", "+@all")).isEqualTo("+OK");
        String clientName = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicReference<RedisStateStore> closed = new AtomicReference<>();
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    BreakerRedisAutoConfiguration.class, BreakerAutoConfiguration.class))
            .withPropertyValues("breaker.state-store.type=redis", "breaker.state-store.redis.key-prefix=" + this.prefix,
                    "spring.data.redis.url=redis://" + user + ":s3cret@127.0.0.1:" + redis.port() + "/3",
                    "spring.data.redis.client-name=" + clientName)
            .run((context) -> {
                RedisStateStore store = context.getBean(RedisStateStore.class);
                await().atMost(Duration.ofSeconds(5)).until(store::isAvailable);
                List<String> connections = connectionsNamed(clientName);
                assertThat(connections).as("a command and a subscription connection").hasSize(2)
                    .allSatisfy((connection) -> assertThat(connection).contains(" user=" + user + " ", " db=3 "));
                closed.set(store);
            });
        assertThat(closed.get().isAvailable()).as("closed with the context").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> connectionsNamed(clientName).isEmpty());
    }

    @Test
    void redisStateStoreWithAWrongPasswordShouldStartDegraded() {
        this.contextRunner
            .withPropertyValues("breaker.state-store.type=redis", "spring.data.redis.password=not-the-password",
                    "spring.data.redis.username=nobody")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(RedisStateStore.class).isAvailable()).isFalse();
            });
    }

    @Test
    void userDefinedStateStoreShouldWin() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=redis")
            .withUserConfiguration(UserStateStoreConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(StateStore.class)
                    .doesNotHaveBean(RedisStateStore.class)
                    .doesNotHaveBean(StateStoreRedisClient.class);
                assertThat(context.getBean(CircuitBreakerRegistry.class).stateStore())
                    .isSameAs(context.getBean("myStateStore"));
            });
    }

    @Test
    void redisWithoutBreakerRedisShouldSayWhichDependencyToAdd() {
        FailureAnalysis analysis = analyzeStartup(new FilteredClassLoader(RedisStateStore.class));
        assertThat(analysis.getDescription()).contains("Property: breaker.state-store.type", "Value: \"redis\"",
                "needs breaker-redis (dev.breaker:breaker-redis) on the class path; add that dependency",
                "or use 'memory'");
        assertThat(analysis.getDescription()).doesNotContain("lettuce", "spring-boot-starter-data-redis");
    }

    @Test
    void redisWithoutLettuceOrSpringBootsRedisSupportShouldSayWhichDependenciesToAdd() {
        FailureAnalysis analysis = analyzeStartup(
                new FilteredClassLoader(RedisClient.class, DataRedisConnectionDetails.class));
        assertThat(analysis.getDescription()).contains(
                "needs Lettuce (io.lettuce:lettuce-core) and Spring Boot's Redis support "
                        + "(org.springframework.boot:spring-boot-starter-data-redis) on the class path; "
                        + "add those dependencies")
            .doesNotContain("dev.breaker:breaker-redis");
    }

    @Test
    void redisWithoutSpringBootsRedisAutoConfigurationShouldSaySo() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BreakerRedisAutoConfiguration.class, BreakerAutoConfiguration.class))
            .withPropertyValues("breaker.state-store.type=redis")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("DataRedisAutoConfiguration is excluded"));
    }

    @Test
    void staticMasterReplicaShouldBeReportedAsNotSupported() {
        this.contextRunner
            .withPropertyValues("breaker.state-store.type=redis", "spring.data.redis.masterreplica.nodes=127.0.0.1:7000")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("does not support the static master/replica connection"));
    }

    @Test
    void zeroTtlShouldNameTheProperty() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=redis", "breaker.state-store.redis.ttl=0s")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("breaker.state-store.redis.ttl"));
    }

    @Test
    void redisStateStoreShouldTellTimeByTheApplicationsClock() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        long openUntil = clock.millis() + 10_000;
        redis.command("SET", this.prefix + "{payment}", "v2|OPEN|" + openUntil + "|4|" + clock.millis() + "|payment");
        this.contextRunner.withBean(BreakerClock.class, () -> clock)
            .withPropertyValues("breaker.state-store.type=redis", "breaker.state-store.redis.key-prefix=" + this.prefix)
            .run((context) -> {
                RedisStateStore store = context.getBean(RedisStateStore.class);
                await().atMost(Duration.ofSeconds(5)).until(store::isAvailable);
                assertThat(store.load(new BreakerId("payment", null)).failedRecoveries())
                    .as("an open period that runs by the application's clock keeps its failed recoveries")
                    .isEqualTo(4);
            });
    }

    @Test
    void zeroTimeoutShouldNameTheProperty() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=redis", "breaker.state-store.redis.timeout=0ms")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("breaker.state-store.redis.timeout")
                .hasMessageContaining("at least 1ms"));
    }

    @Test
    void openQuorumBelowOneShouldNameTheProperty() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=redis", "breaker.state-store.redis.open-quorum=0")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("breaker.state-store.redis.open-quorum")
                .hasMessageContaining("must be at least 1"));
    }

    @Test
    void keyPrefixWithABraceShouldNameTheProperty() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=redis",
                "breaker.state-store.redis.key-prefix={breaker}:")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("breaker.state-store.redis.key-prefix")
                .hasMessageContaining("hash tag"));
    }

    private FailureAnalysis analyzeStartup(FilteredClassLoader classLoader) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        this.contextRunner.withClassLoader(classLoader)
            .withPropertyValues("breaker.state-store.type=redis")
            .run((context) -> {
                assertThat(context).hasFailed();
                failure.set(context.getStartupFailure());
            });
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            .load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, new StandardEnvironment())
                .and(BeanFactory.class, new DefaultListableBeanFactory()), (type, name, ex) -> {
                    // analyzers of modules that are absent here are not needed
                });
        return analyzers.stream()
            .filter((analyzer) -> analyzer.getClass().getPackageName().startsWith("dev.breaker"))
            .map((analyzer) -> analyzer.analyze(failure.get()))
            .filter(Objects::nonNull)
            .findFirst()
            .orElseThrow(() -> new AssertionError("No breaker failure analyzer answered", failure.get()));
    }

    private static List<String> connectionsNamed(String clientName) {
        String clients = redis.command("CLIENT", "LIST");
        return clients.lines().filter((line) -> line.contains(" name=" + clientName + " ")).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStateStoreConfiguration {

        @Bean
        StateStore myStateStore() {
            return new InMemoryStateStore();
        }
    }
}
