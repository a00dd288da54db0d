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

/**
 * A Redis that answers but refuses the store's commands degrades the store once, and the
 * transitions made meanwhile reach the other instances when it accepts them again.
 */
class RedisStateStoreRefusalTest {

    /** Long enough for several checks of the store to find Redis still refusing. */
    private static final Duration REFUSED_FOR = Duration.ofMillis(1500);

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final Instances instances = new Instances(redis);
    private final LogRecorder log = new LogRecorder();

    @AfterEach
    void closeInstances() {
        instances.close();
        log.close();
        redis.command("CONFIG", "SET", "maxmemory", "0");
        redis.command("REPLICAOF", "NO", "ONE");
        redis.command("ACL", "SETUSER", "default", "+@all");
    }

    @Test
    void outOfMemoryIsOneDegradedEpisodeAndTheTripsMadeMeanwhileArriveWhenItEnds() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreakerRegistry registryB = instances.registry();
        RedisStateStore storeA = (RedisStateStore) registryA.stateStore();
        redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
        redis.command("CONFIG", "SET", "maxmemory", "1");

        for (int i = 0; i < 1000; i++) {
            trip(registryA.breaker("payment-" + i));
        }

        await().during(REFUSED_FOR).atMost(REFUSED_FOR.plusSeconds(2)).until(() -> !storeA.isAvailable());
        assertThat(storeA.degradedReason()).contains("OOM");
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("refuses commands", "OOM");
        assertThat(registryB.breaker("payment-999").state()).isEqualTo(CircuitState.CLOSED);

        redis.command("CONFIG", "SET", "maxmemory", "0");

        await().atMost(Duration.ofSeconds(2)).until(storeA::isAvailable);
        await().atMost(Duration.ofSeconds(2)).until(() -> registryB.breaker("payment-0").state() == CircuitState.OPEN
                && registryB.breaker("payment-999").state() == CircuitState.OPEN);
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("accepts commands again");
        assertThat(log.messages(Level.WARNING)).hasSize(1);
    }

    @Test
    void readOnlyReplicaIsOneDegradedEpisode() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreaker b = instances.registry().breaker("payment");
        RedisStateStore storeA = (RedisStateStore) registryA.stateStore();
        redis.command("REPLICAOF", "127.0.0.1", "1");

        trip(registryA.breaker("payment"));
        registryA.breaker("orders").forceOpen();

        await().during(REFUSED_FOR).atMost(REFUSED_FOR.plusSeconds(2)).until(() -> !storeA.isAvailable());
        assertThat(storeA.degradedReason()).contains("READONLY");
        redis.command("REPLICAOF", "NO", "ONE");
        await().atMost(Duration.ofSeconds(2)).until(() -> b.state() == CircuitState.OPEN);
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("READONLY");
    }

    @Test
    void commandsTheAclForbidsAreOneDegradedEpisode() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreaker b = instances.registry().breaker("payment");
        RedisStateStore storeA = (RedisStateStore) registryA.stateStore();
        redis.command("ACL", "SETUSER", "default", "-@scripting");

        trip(registryA.breaker("payment"));

        await().during(REFUSED_FOR).atMost(REFUSED_FOR.plusSeconds(2)).until(() -> !storeA.isAvailable());
        assertThat(storeA.degradedReason()).contains("NOPERM");
        redis.command("ACL", "SETUSER", "default", "+@all");
        await().atMost(Duration.ofSeconds(2)).until(() -> b.state() == CircuitState.OPEN);
        assertThat(log.messages(Level.WARNING)).singleElement().asString().contains("NOPERM");
        assertThat(log.messages(Level.INFO)).singleElement().asString().contains("accepts commands again");
    }
}
