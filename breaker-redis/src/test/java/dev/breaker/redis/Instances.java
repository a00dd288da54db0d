package dev.breaker.redis;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import io.lettuce.core.cluster.RedisClusterClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Instances of a service in one JVM: each has its own store (its own connections) and registry
 * on the same Redis and key prefix. Closes them all at the end of a test.
 */
final class Instances implements AutoCloseable {

    static final Duration RECONCILE_INTERVAL = Duration.ofMillis(300);

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    /** Three failures in a row trip; 30s open without jitter; 3 trial calls, 2 successes close. */
    static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(3)
            .waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0)
            .halfOpenPermittedCalls(3)
            .halfOpenSuccessThreshold(2)
            .build();

    private final Supplier<RedisStateStore.Builder> newBuilder;
    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Instances on a standalone Redis, each store with a client of its own. */
    Instances(RedisServer redis) {
        this.newBuilder = () -> RedisStateStore.builder(redis.uri());
    }

    /** Instances on the master a Sentinel names, each store with a client of its own. */
    Instances(RedisSentinel sentinel) {
        this.newBuilder = () -> RedisStateStore.builder(sentinel.uri());
    }

    /** Instances on a Redis Cluster, each store with a cluster client of its own. */
    Instances(RedisCluster cluster) {
        this.newBuilder = () -> RedisStateStore.builder(clusterClient(cluster));
    }

    String prefix() {
        return prefix;
    }

    private RedisClusterClient clusterClient(RedisCluster cluster) {
        RedisClusterClient client = RedisClusterClient.create(cluster.uris());
        track(client::shutdown);
        return client;
    }

    /** @return a store of its own on the test's Redis and prefix, reading time from the clock */
    RedisStateStore store(BreakerClock clock) {
        return track(builder(clock).build());
    }

    /** @return a builder of a store on the test's Redis and prefix, reconciling every 300 ms */
    RedisStateStore.Builder builder(BreakerClock clock) {
        return newBuilder.get().keyPrefix(prefix).clock(clock)
                .reconcileInterval(RECONCILE_INTERVAL);
    }

    /**
     * @return a registry on its own store that reconciles only once an hour, for tests that count
     *         what the store sends or logs while Redis hangs
     */
    CircuitBreakerRegistry registryReconcilingRarely() {
        ManualClock clock = new ManualClock(START);
        return registry(track(builder(clock).reconcileInterval(Duration.ofHours(1)).build()), clock);
    }

    /** @return a registry on its own store, with its own clock at {@link #START} */
    CircuitBreakerRegistry registry() {
        return registry(new ManualClock(START));
    }

    /** @return a registry on its own store, with the given clock */
    CircuitBreakerRegistry registry(ManualClock clock) {
        return registry(store(clock), clock);
    }

    CircuitBreakerRegistry registry(RedisStateStore store, ManualClock clock) {
        return track(CircuitBreakerRegistry.builder().defaults(CONFIG).clock(clock).stateStore(store).build());
    }

    <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            breaker.admit().failed(new IOException("downstream is down"));
        }
    }

    static void trip(CircuitBreaker breaker) {
        fail(breaker, 3);
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            }
            catch (Exception ex) {
                throw new IllegalStateException("cannot close " + open.get(i), ex);
            }
        }
    }
}
