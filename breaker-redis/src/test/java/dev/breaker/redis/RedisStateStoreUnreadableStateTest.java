package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the store cannot read is ignored with a WARN, and the breakers go on. */
class RedisStateStoreUnreadableStateTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);
    private final LogRecorder log = new LogRecorder();

    @AfterEach
    void closeInstances() {
        instances.close();
        log.close();
    }

    @Test
    void unreadableStoredValueIsIgnoredWithAWarn() {
        redis.command("SET", instances.prefix() + "{payment}", "OPEN until tomorrow");
        CircuitBreakerRegistry registry = instances.registry();

        CircuitBreaker breaker = registry.breaker("payment");

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.get(() -> "ok")).isEqualTo("ok");
        assertThat(log.messages(Level.WARNING)).singleElement().asString()
                .contains("unreadable state", instances.prefix() + "{payment}");
        assertThat(registry.stateStore()).isInstanceOfSatisfying(RedisStateStore.class,
                store -> assertThat(store.isAvailable()).isTrue());
    }

    @Test
    void storedValueOfAnotherStateVersionOrTypeIsIgnoredWithAWarn() {
        redis.command("SET", instances.prefix() + "{payment}", "v9|OPEN|1|0|1");
        redis.command("SET", instances.prefix() + "{orders}", "v2|SIDEWAYS|1|0|1|orders");
        redis.command("HSET", instances.prefix() + "{stock}", "state", "OPEN");
        CircuitBreakerRegistry registry = instances.registry();

        assertThat(registry.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(registry.breaker("orders").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(registry.breaker("stock").state()).isEqualTo(CircuitState.CLOSED);

        assertThat(log.messages(Level.WARNING)).hasSize(3);
        assertThat(((RedisStateStore) registry.stateStore()).isAvailable()).isTrue();
    }

    @Test
    void unreadableMessageIsIgnoredWithAWarnAndLaterOnesStillArrive() {
        CircuitBreaker a = instances.registry().breaker("payment");
        CircuitBreaker b = instances.registry().breaker("payment");

        redis.command("PUBLISH", instances.prefix() + "transitions", "not a transition");
        redis.command("PUBLISH", instances.prefix() + "transitions", "someone payment v1|OPEN|x|0|1");
        trip(a);

        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
        assertThat(log.messages(Level.WARNING)).hasSize(4).allSatisfy(message ->
                assertThat(message).contains("unreadable message"));
    }
}
