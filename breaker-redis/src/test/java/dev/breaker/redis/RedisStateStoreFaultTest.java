package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Redis that is down, goes away or hangs leaves every call working on local state. */
class RedisStateStoreFaultTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);
    private final LogRecorder log = new LogRecorder();

    @AfterEach
    void closeInstances() {
        instances.close();
        log.close();
        redis.ensureRunning();
    }

    @Test
    void redisKilledMidRunLeavesCallsOnLocalStateWithOneWarnAndRejoinsWhenBack() {
        ManualClock clockA = new ManualClock(Instances.START);
        ManualClock clockB = new ManualClock(Instances.START);
        RedisStateStore storeA = instances.store(clockA);
        RedisStateStore storeB = instances.store(clockB);
        CircuitBreakerRegistry registryA = instances.registry(storeA, clockA);
        CircuitBreakerRegistry registryB = instances.registry(storeB, clockB);
        CircuitBreaker a = registryA.breaker("payment");
        CircuitBreaker b = registryB.breaker("payment");
        CircuitBreaker ordersOnB = registryB.breaker("orders");

        redis.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !storeA.isAvailable() && !storeB.isAvailable());

        long started = System.nanoTime();
        trip(a);
        for (int i = 0; i < 200; i++) {
            assertThat(registryB.breaker("created-while-down-" + i).state()).isEqualTo(CircuitState.CLOSED);
        }
        assertThatThrownBy(a::admit).isInstanceOf(CircuitOpenException.class);
        clockA.advance(Duration.ofSeconds(30));
        AdmittedCall[] trials = {a.admit(), a.admit(), a.admit()};
        assertThatThrownBy(a::admit).as("the local half-open limit holds").isInstanceOf(
                CircuitOpenException.class);
        for (AdmittedCall trial : trials) {
            trial.succeeded();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no call waited for Redis")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(log.messages(Level.WARNING)).as("one WARN per instance, not one per call").hasSize(2)
                .allSatisfy(message -> assertThat(message).contains("unreachable", "local state"));

        redis.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> storeA.isAvailable() && storeB.isAvailable());
        assertThat(log.messages(Level.INFO)).hasSize(2)
                .allSatisfy(message -> assertThat(message).contains("reachable again"));

        trip(registryA.breaker("orders"));
        await().atMost(Duration.ofSeconds(1)).until(() -> ordersOnB.state() == CircuitState.OPEN);
        assertThat(log.messages(Level.WARNING)).hasSize(2);
    }

    @Test
    void redisDownAtStartupLeavesCallsOnLocalStateAndTheStoreConnectsWhenItComes() {
        redis.kill();
        long started = System.nanoTime();
        ManualClock clock = new ManualClock(Instances.START);
        RedisStateStore storeA = instances.store(clock);
        CircuitBreakerRegistry registryA = instances.track(CircuitBreakerRegistry.builder()
                .defaults(Instances.CONFIG)
                .config("payment", Instances.CONFIG)
                .clock(clock)
                .stateStore(storeA)
                .build());
        CircuitBreaker payment = registryA.breaker("payment");
        trip(payment);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(storeA.isAvailable()).isFalse();
        assertThatThrownBy(payment::admit).isInstanceOf(CircuitOpenException.class);
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("cannot connect");

        redis.start();
        await().atMost(Duration.ofSeconds(10)).until(storeA::isAvailable);
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("reachable again");

        CircuitBreaker ordersOnB = instances.registry().breaker("orders");
        trip(registryA.breaker("orders"));
        await().atMost(Duration.ofSeconds(1)).until(() -> ordersOnB.state() == CircuitState.OPEN);
        assertThat(log.messages(Level.WARNING)).hasSize(1);
    }

    @Test
    void publishingDoesNotWaitForRedis() {
        CircuitBreaker a = instances.registryReconcilingRarely().breaker("payment");
        CircuitBreaker b = instances.registryReconcilingRarely().breaker("payment");
        redis.command("CLIENT", "PAUSE", "1500", "ALL");

        long started = System.nanoTime();
        trip(a);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.state() == CircuitState.OPEN);
        assertThat(log.messages(Level.WARNING)).isEmpty();
    }

    @Test
    void hungRedisCostsOneCommandTimeoutThenNothingUntilItAnswersAgain() {
        CircuitBreakerRegistry registry = instances.registryReconcilingRarely();
        RedisStateStore store = (RedisStateStore) registry.stateStore();
        redis.command("CLIENT", "PAUSE", "2000", "ALL");

        long started = System.nanoTime();
        CircuitBreaker first = registry.breaker("payment");
        Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            registry.breaker("orders-" + i);
        }
        Duration hundredTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(firstTook).isBetween(store.commandTimeout().minusMillis(50), store.commandTimeout().plusMillis(700));
        assertThat(hundredTook).isLessThan(Duration.ofMillis(200));
        assertThat(store.isAvailable()).isFalse();
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("no answer within 500 ms");

        await().atMost(Duration.ofSeconds(10)).until(store::isAvailable);
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("reachable again");
    }

    @Test
    void transitionThatHungRedisNeverAnswersMarksItDown() {
        CircuitBreakerRegistry registry = instances.registryReconcilingRarely();
        RedisStateStore store = (RedisStateStore) registry.stateStore();
        CircuitBreaker breaker = registry.breaker("payment");
        redis.command("CLIENT", "PAUSE", "6500", "ALL");

        trip(breaker);

        await().atMost(Duration.ofSeconds(6)).until(() -> !store.isAvailable());
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("publishing", "payment");
        await().atMost(Duration.ofSeconds(10)).until(store::isAvailable);
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("reachable again");
    }
}
