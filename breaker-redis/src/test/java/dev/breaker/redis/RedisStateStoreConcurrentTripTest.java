package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instances that trip one breaker at the same moment agree on one open period. */
class RedisStateStoreConcurrentTripTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    /** Jitter on, so that every instance draws its own open wait. */
    private static final CircuitBreakerConfig JITTERED = Instances.CONFIG.toBuilder().backoffJitter(0.5).build();

    private final Instances instances = new Instances(redis);

    @AfterEach
    void closeInstances() {
        instances.close();
    }

    @Test
    void instanceThatTripsDuringAnotherInstancesOpenPeriodAdoptsIt() {
        Instant earlierUntil = Instances.START.plusSeconds(20);
        String key = instances.prefix() + "{payment}";
        CircuitBreaker breaker = registry(0.99).breaker("payment");
        redis.command("SET", key, "v2|OPEN|" + earlierUntil.toEpochMilli() + "|0|" + Instances.START.toEpochMilli()
                + "|payment");

        trip(breaker);

        await().atMost(Duration.ofSeconds(1)).until(() -> earlierUntil.equals(breaker.nextRetryAt()));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(redis.command("GET", key)).startsWith("v2|OPEN|" + earlierUntil.toEpochMilli() + "|");
    }

    @Test
    void reopeningAfterTheStoredPeriodEndedReplacesIt() {
        ManualClock clock = new ManualClock(Instances.START);
        CircuitBreaker breaker = instances.registry(clock).breaker("payment");
        trip(breaker);
        clock.advance(Duration.ofSeconds(30));
        breaker.admit().failed(new IllegalStateException("still down"));

        Instant reopenedUntil = breaker.nextRetryAt();
        assertThat(reopenedUntil).isAfter(Instances.START.plusSeconds(30));
        await().atMost(Duration.ofSeconds(1)).until(() -> redis.command("GET", instances.prefix() + "{payment}")
                .startsWith("v2|OPEN|" + reopenedUntil.toEpochMilli() + "|1|"));
    }

    @RepeatedTest(5)
    void instancesTrippingTogetherConvergeOnOneRetryTime() throws Exception {
        CircuitBreaker a = registry(0.0).breaker("payment");
        CircuitBreaker b = registry(1.0).breaker("payment");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> tripA = pool.submit(() -> {
                go.await();
                tripUnlessOpenedMeanwhile(a);
                return null;
            });
            Future<?> tripB = pool.submit(() -> {
                go.await();
                tripUnlessOpenedMeanwhile(b);
                return null;
            });
            go.countDown();
            tripA.get(5, TimeUnit.SECONDS);
            tripB.get(5, TimeUnit.SECONDS);
        }
        finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(1))
                .until(() -> a.nextRetryAt() != null && a.nextRetryAt().equals(b.nextRetryAt()));
        String stored = redis.command("GET", instances.prefix() + "{payment}");
        assertThat(stored).startsWith("v2|OPEN|" + a.nextRetryAt().toEpochMilli() + "|");
        assertThat(a.nextRetryAt()).isIn(Instances.START.plusSeconds(15), Instances.START.plusSeconds(45));
    }

    /** The other instance's trip may arrive between this one's failures and open the breaker first. */
    private static void tripUnlessOpenedMeanwhile(CircuitBreaker breaker) {
        try {
            trip(breaker);
        }
        catch (CircuitOpenException ex) {
            assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        }
    }

    private CircuitBreakerRegistry registry(double random) {
        ManualClock clock = new ManualClock(Instances.START);
        return instances.track(CircuitBreakerRegistry.builder()
                .defaults(JITTERED)
                .config("payment", JITTERED)
                .clock(clock)
                .random(() -> random)
                .stateStore(instances.store(clock))
                .build());
    }
}
