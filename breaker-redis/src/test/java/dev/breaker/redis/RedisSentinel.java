package dev.breaker.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Sentinel setup on loopback for a test class: a master, its replica, and one Sentinel
 * that watches them as {@value #MASTER_NAME}. Skipped when {@code redis-server} is not installed.
 */
public final class RedisSentinel implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    static final String MASTER_NAME = "breakers";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private RedisServer master;
    private RedisServer replica;
    private RedisServer sentinel;
    private Path config;
    private int masterBefore;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (RedisServer.executable() == null) {
            return;
        }
        master = new RedisServer();
        master.start();
        replica = new RedisServer(RedisServer.freePort(), List.of("--replicaof", "127.0.0.1",
                Integer.toString(master.port())));
        replica.start();
        config = Files.createTempFile("sentinel", ".conf");
        Files.writeString(config, String.join("\n",
                "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1",
                "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                "sentinel failover-timeout " + MASTER_NAME + " 5000", ""));
        sentinel = RedisServer.sentinel(RedisServer.freePort(), config);
        sentinel.start();
        await(() -> String.valueOf(replica.command("INFO", "replication")).contains("master_link_status:up"));
        await(() -> sentinel.array("SENTINEL", "REPLICAS", MASTER_NAME).size() == 1);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(RedisServer.executable() != null,
                "redis-server is not installed (on Debian: apt-get install redis-server redis-sentinel); skipping");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        for (RedisServer server : new RedisServer[] {sentinel, replica, master}) {
            if (server != null) {
                server.stop();
            }
        }
        if (config != null) {
            Files.deleteIfExists(config);
        }
    }

    /** @return the address of the master as the Sentinel names it */
    public RedisURI uri() {
        return RedisURI.builder().withSentinel("127.0.0.1", sentinel.port()).withSentinelMasterId(MASTER_NAME)
                .withTimeout(Duration.ofSeconds(2)).build();
    }

    /** @return the port of the current master, as the Sentinel sees it */
    public int masterPort() {
        return Integer.parseInt(sentinel.array("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).get(1));
    }

    /** @return the server on a port, the first master or its replica */
    public RedisServer server(int port) {
        return master.port() == port ? master : replica;
    }

    /** Asks the Sentinel to fail over, and waits until the replica is the master and accepts writes. */
    public void failOver() {
        startFailover();
        awaitFailover();
    }

    /** Asks the Sentinel to fail over; {@link #awaitFailover} waits for the new master. */
    void startFailover() {
        masterBefore = masterPort();
        String answer = sentinel.command("SENTINEL", "FAILOVER", MASTER_NAME);
        if (!"+OK".equals(answer)) {
            throw new IllegalStateException("SENTINEL FAILOVER answered " + answer);
        }
    }

    /** Waits until the Sentinel names another master and that master accepts writes. */
    void awaitFailover() {
        await(() -> masterPort() != masterBefore
                && String.valueOf(server(masterPort()).command("INFO", "replication")).contains("role:master"));
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await("the Sentinel setup").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(condition);
    }
}
