package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.OpenQuorum;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two-instance scenarios of a standalone Redis, against a real Redis Cluster of three
 * masters: each breaker's keys share one slot, its scripts run on one node, and the transitions
 * of breakers on every master reach the other instance.
 */
class RedisStateStoreClusterTest {

    @RegisterExtension
    static final RedisCluster cluster = new RedisCluster();

    private static final List<String> NAMES = List.of("payment", "orders", "stock", "search", "users", "mail");

    private final Instances instances = new Instances(cluster);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void tripsOfBreakersOnEveryMasterReachTheOtherInstanceWithinOneSecond() {
        CircuitBreakerRegistry registryA = instances.registry();
        CircuitBreakerRegistry registryB = instances.registry();
        Set<Integer> masters = new HashSet<>();

        for (String name : NAMES) {
            CircuitBreaker b = registryB.breaker(name, "user:1");
            trip(registryA.breaker(name, "user:1"));
            await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
            assertThatThrownBy(b::admit).isInstanceOf(CircuitOpenException.class);
            String key = instances.prefix() + "{" + name + ":user%003a1}";
            masters.add(cluster.nodeOf(key).port());
            assertThat(cluster.nodeOf(key).command("EXISTS", key)).isEqualTo(":1");
        }

        assertThat(masters).as("the breakers' keys are spread over the masters").hasSizeGreaterThan(1);
        registryA.breaker("payment", "user:1").reset();
        CircuitBreaker paymentOnB = registryB.breaker("payment", "user:1");
        await().atMost(Duration.ofSeconds(1)).until(() -> paymentOnB.state() == CircuitState.CLOSED);
    }

    @Test
    void halfOpenTrialPermitsAreCountedAcrossInstances() {
        ManualClock clockA = new ManualClock(Instances.START);
        ManualClock clockB = new ManualClock(Instances.START);
        CircuitBreaker a = instances.registry(clockA).breaker("payment");
        CircuitBreaker b = instances.registry(clockB).breaker("payment");
        trip(a);
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
        clockA.advance(Duration.ofSeconds(30));
        clockB.advance(Duration.ofSeconds(30));

        a.admit();
        b.admit();
        a.admit();

        assertThatThrownBy(b::admit).as("3 trial permits across both instances").isInstanceOf(
                CircuitOpenException.class);
        assertThatThrownBy(a::admit).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aLostMessageIsRepairedWithinTheReconcileInterval() {
        CircuitBreaker b = instances.registry().breaker("orders");
        String key = instances.prefix() + "{orders}";
        long openUntil = Instances.START.plusSeconds(30).toEpochMilli();

        cluster.nodeOf(key).command("SET", key, "v2|OPEN|" + openUntil + "|0|" + Instances.START.toEpochMilli()
                + "|orders");
        String index = instances.prefix() + "index";
        cluster.nodeOf(index).command("SADD", index, key);

        await().atMost(Instances.RECONCILE_INTERVAL.multipliedBy(3)).until(() -> b.state() == CircuitState.OPEN);
    }

    @Test
    void theOpenQuorumHoldsInACluster() {
        CircuitBreaker a = quorumOfTwo().breaker("search");
        CircuitBreaker b = quorumOfTwo().breaker("search");
        RedisStateStore store = (RedisStateStore) quorumOfTwo().stateStore();

        trip(a);
        await().atMost(Duration.ofSeconds(1))
                .until(() -> store.openQuorum(new BreakerId("search", null)).equals(new OpenQuorum(1, 2)));
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        CircuitBreaker c = quorumOfTwo().breaker("search");
        trip(c);

        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
    }

    private CircuitBreakerRegistry quorumOfTwo() {
        ManualClock clock = new ManualClock(Instances.START);
        return instances.registry(instances.track(instances.builder(clock).openQuorum(2).build()), clock);
    }
}
