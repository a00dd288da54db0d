package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.store.BreakerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Half-open trial calls are limited across instances, atomically in Redis. */
class RedisStateStoreTrialPermitTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static final int THREADS_PER_INSTANCE = 32;

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void twoInstancesOf32ThreadsAdmitExactlyThePermittedTrialCallsInTotal() throws Exception {
        ManualClock clockA = new ManualClock(Instances.START);
        ManualClock clockB = new ManualClock(Instances.START);
        CircuitBreaker a = instances.registry(clockA).breaker("payment");
        CircuitBreaker b = instances.registry(clockB).breaker("payment");
        trip(a);
        await().atMost(Duration.ofSeconds(1)).until(() -> b.state() == CircuitState.OPEN);
        clockA.advance(Duration.ofSeconds(30));
        clockB.advance(Duration.ofSeconds(30));
        assertThat(a.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);

        List<Admitted> admitted = race(a, b);

        assertThat(admitted).hasSize(3);
        assertThat(admitted).allSatisfy(call -> assertThat(call.breaker().state()).isEqualTo(CircuitState.HALF_OPEN));

        Admitted first = admitted.get(0);
        first.call().succeeded();
        CircuitBreaker other = first.breaker() == a ? b : a;
        await().atMost(Duration.ofSeconds(1)).until(() -> tryAcquire(other) != null);
        assertThat(tryAcquire(a)).as("three trials in flight again").isNull();
        assertThat(tryAcquire(b)).isNull();
    }

    @Test
    void releaseNeverTakesTheCountBelowZero() {
        RedisStateStore store = instances.store(new ManualClock(Instances.START));
        BreakerId id = new BreakerId("payment", null);

        store.releaseTrialPermit(id, 42);
        store.releaseTrialPermit(id, 42);
        assertThat(store.tryAcquireTrialPermit(id, 42, 1)).isTrue();
        store.releaseTrialPermit(id, 42);
        store.releaseTrialPermit(id, 42);
        store.releaseTrialPermit(id, 42);

        assertThat(store.tryAcquireTrialPermit(id, 42, 1)).isTrue();
        assertThat(store.tryAcquireTrialPermit(id, 42, 1)).isFalse();
        assertThat(store.tryAcquireTrialPermit(id, 43, 1)).as("another round counts apart").isTrue();
    }

    @Test
    void permitCountOfARoundExpires() {
        RedisStateStore store = instances.track(RedisStateStore.builder(redis.uri()).keyPrefix(instances.prefix())
                .permitExpiry(Duration.ofSeconds(90)).build());
        BreakerId id = new BreakerId("payment", "user 1");

        assertThat(store.tryAcquireTrialPermit(id, 7, 2)).isTrue();

        String key = instances.prefix() + "{payment:user%00201}:permits:7";
        assertThat(redis.command("GET", key)).isEqualTo("1");
        long ttlMillis = Long.parseLong(redis.command("PTTL", key).substring(1));
        assertThat(ttlMillis).isBetween(80_000L, 90_000L);
    }

    private static List<Admitted> race(CircuitBreaker a, CircuitBreaker b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        try {
            CountDownLatch ready = new CountDownLatch(2 * THREADS_PER_INSTANCE);
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<Admitted> admitted = new ConcurrentLinkedQueue<>();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2 * THREADS_PER_INSTANCE; i++) {
                CircuitBreaker breaker = i % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    Admitted call = tryAcquire(breaker);
                    if (call != null) {
                        admitted.add(call);
                    }
                    return null;
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<?> future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
            return new ArrayList<>(admitted);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static Admitted tryAcquire(CircuitBreaker breaker) {
        try {
            return new Admitted(breaker, breaker.admit());
        }
        catch (CircuitOpenException ex) {
            return null;
        }
    }

    private record Admitted(CircuitBreaker breaker, AdmittedCall call) {
    }
}
