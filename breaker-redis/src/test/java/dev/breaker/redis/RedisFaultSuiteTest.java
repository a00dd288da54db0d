package dev.breaker.redis;

import static dev.breaker.redis.Instances.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault suite: two instances under load meet each fault of a real Redis, and for each the
 * suite asserts that no protected call failed because of Redis, that no call waited for Redis
 * longer than the command timeout (and at most one call per thread waited at all), that both
 * instances rejoined within 2 s of Redis answering again and agreed within 5 s, and that each
 * instance logged the episode once. It writes what it measured to
 * {@code target/redis-fault-figures.md}, the table in the module's README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultSuiteTest {

    @RegisterExtension
    @Order(1)
    static final RedisServer redis = new RedisServer();

    @RegisterExtension
    @Order(2)
    static final RedisSentinel sentinel = new RedisSentinel();

    @RegisterExtension
    @Order(3)
    static final RedisCluster cluster = new RedisCluster();

    private static final Duration REJOIN = Duration.ofSeconds(2);
    private static final Duration CONVERGENCE = Duration.ofSeconds(5);
    private static final List<String> FIGURES = new ArrayList<>();

    private final LogRecorder log = new LogRecorder();

    @AfterEach
    void closeLog() {
        log.close();
        redis.ensureRunning();
        redis.command("CONFIG", "SET", "maxmemory", "0");
    }

    @AfterAll
    static void writeFigures() throws IOException {
        if (FIGURES.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(List.of(
                "| fault | propagation | rejoin | convergence | calls | failed because of Redis | slowest call "
                        + "| calls that waited, per thread | WARN / INFO lines, both instances |",
                "|---|---|---|---|---|---|---|---|---|"));
        lines.addAll(FIGURES);
        Files.write(Path.of("target", "redis-fault-figures.md"), lines);
    }

    @Test
    @Order(1)
    void killMinus9AndRestartEmpty() throws Exception {
        try (Instances instances = new Instances(redis)) {
            measure("`kill -9`, restarted empty after 2 s", instances, new Fault() {
                @Override
                public void begin() {
                    redis.kill();
                }

                @Override
                public void end() {
                    redis.start();
                }
            }, Duration.ofSeconds(2));
        }
    }

    @Test
    @Order(2)
    void sigstopForFifteenSeconds() throws Exception {
        try (Instances instances = new Instances(redis)) {
            measure("`SIGSTOP` for 15 s, then `SIGCONT`", instances, new Fault() {
                @Override
                public void begin() {
                    redis.signal("STOP");
                }

                @Override
                public void end() {
                    redis.signal("CONT");
                }
            }, Duration.ofSeconds(15));
        }
        finally {
            redis.signal("CONT");
        }
    }

    @Test
    @Order(3)
    void clientPause() throws Exception {
        try (Instances instances = new Instances(redis)) {
            measure("`CLIENT PAUSE 3000 ALL`", instances, new Fault() {
                private long pausedUntil;

                @Override
                public void begin() {
                    pausedUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    redis.command("CLIENT", "PAUSE", "3000", "ALL");
                }

                @Override
                public void end() {
                    // a paused Redis does not even take CLIENT UNPAUSE from a new client: the pause runs out
                    await().atMost(Duration.ofSeconds(4)).until(() -> System.nanoTime() >= pausedUntil);
                }
            }, Duration.ofSeconds(2));
        }
    }

    @Test
    @Order(4)
    void maxmemoryRefusals() throws Exception {
        try (Instances instances = new Instances(redis)) {
            measure("`maxmemory` reached, `noeviction` (OOM)", instances, new Fault() {
                @Override
                public void begin() {
                    redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
                    redis.command("CONFIG", "SET", "maxmemory", "1");
                }

                @Override
                public void end() {
                    redis.command("CONFIG", "SET", "maxmemory", "0");
                }
            }, Duration.ofSeconds(2));
        }
    }

    @Test
    @Order(5)
    void sentinelFailover() throws Exception {
        try (Instances instances = new Instances(sentinel)) {
            measure("Sentinel failover (`SENTINEL FAILOVER`)", instances, new Fault() {
                @Override
                public void begin() {
                    sentinel.startFailover();
                }

                @Override
                public void end() {
                    sentinel.awaitFailover();
                }
            }, Duration.ZERO);
        }
    }

    @Test
    @Order(6)
    void clusterNodeKilled() throws Exception {
        try (Instances instances = new Instances(cluster)) {
            RedisServer node = cluster.nodeOf(instances.prefix() + "{payment}");
            measure("Cluster master of the breaker's slot killed, restarted empty after 3 s", instances, new Fault() {
                @Override
                public void begin() {
                    node.kill();
                }

                @Override
                public void end() {
                    node.start();
                    cluster.awaitReady();
                }
            }, Duration.ofSeconds(3));
        }
    }

    /**
     * Two instances under load; the fault begins, instance A trips {@code payment}, the fault
     * lasts (A degraded all along) and ends; then both must rejoin and B must follow A's trip.
     * A fault that lasts no time (a failover) need not degrade the store at all.
     */
    private void measure(String fault, Instances instances, Fault injected, Duration lasting) throws Exception {
        CircuitBreakerRegistry a = instances.registry();
        CircuitBreakerRegistry b = instances.registry();
        RedisStateStore storeA = (RedisStateStore) a.stateStore();
        RedisStateStore storeB = (RedisStateStore) b.stateStore();
        CircuitBreaker paymentOnB = b.breaker("payment");
        FleetLoad load = new FleetLoad(List.of(a, b));

        injected.begin();
        trip(a.breaker("payment"));
        if (!lasting.isZero()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> !storeA.isAvailable());
            await().during(lasting).atMost(lasting.plusSeconds(2)).until(() -> !storeA.isAvailable());
        }
        injected.end();
        long back = System.nanoTime();
        long rejoin = millisUntil(back, REJOIN, () -> storeA.isAvailable() && storeB.isAvailable());
        long convergence = millisUntil(back, CONVERGENCE, () -> paymentOnB.state() == CircuitState.OPEN);
        FleetLoad.Result calls = load.stop();
        CircuitBreaker ordersOnB = b.breaker("orders");
        long tripped = System.nanoTime();
        trip(a.breaker("orders"));
        long propagation = millisUntil(tripped, Duration.ofSeconds(1), () -> ordersOnB.state() == CircuitState.OPEN);

        int warnings = log.messages(Level.WARNING).size();
        int infos = log.messages(Level.INFO).size();
        assertThat(calls.failed()).as("calls failed because of Redis").isZero();
        assertThat(calls.slowestMillis()).as("no call waits for Redis longer than the timeout")
                .isLessThan(storeA.commandTimeout().toMillis() + 300);
        assertThat(calls.slowPerThread()).as("only the first call per thread waits").isLessThanOrEqualTo(1);
        assertThat(warnings).as("one WARN per instance and episode").isLessThanOrEqualTo(2);
        assertThat(infos).as("one INFO per instance and episode").isEqualTo(warnings);
        FIGURES.add("| " + fault + " | " + propagation + " ms | " + rejoin + " ms | " + convergence + " ms | "
                + calls.calls() + " | " + calls.failed() + " | " + calls.slowestMillis() + " ms | "
                + calls.slowPerThread() + " | " + warnings + " / " + infos + " |");
    }

    private static long millisUntil(long since, Duration atMost, Callable<Boolean> condition) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(condition);
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    /** A fault of Redis: it begins, lasts, and ends. */
    private interface Fault {

        void begin();

        void end();
    }
}
