package dev.breaker.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster of three masters on loopback, started for a test class with
 * {@code redis-server --cluster-enabled yes} and {@code redis-cli --cluster create}, and stopped
 * after it. Tests are skipped when {@code redis-server} or {@code redis-cli} is not installed.
 */
public final class RedisCluster implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final int MASTERS = 3;

    private final List<RedisServer> nodes = new ArrayList<>();
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!installed()) {
            return;
        }
        dir = Files.createTempDirectory("redis-cluster");
        for (int i = 0; i < MASTERS; i++) {
            int port = portWithFreeBusPort();
            RedisServer node = new RedisServer(port, List.of("--cluster-enabled", "yes", "--cluster-config-file",
                    dir.resolve("nodes-" + port + ".conf").toString(), "--cluster-node-timeout", "1000",
                    "--dir", dir.toString()));
            nodes.add(node);
            node.start();
        }
        create();
        awaitReady();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(installed(), "redis-server or redis-cli is not installed (on Debian: apt-get install redis-server "
                + "redis-tools); skipping this Redis Cluster test");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        nodes.forEach(RedisServer::stop);
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** @return the seed addresses of the cluster's nodes */
    public List<RedisURI> uris() {
        return nodes.stream().map(RedisServer::uri).toList();
    }

    /** @return the node that serves the slot of a key: the one that answers for it instead of redirecting */
    public RedisServer nodeOf(String key) {
        return nodes.stream().filter(node -> String.valueOf(node.command("EXISTS", key)).startsWith(":"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no node serves " + key));
    }

    private void create() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RedisServer.executable("redis-cli").toString(), "--cluster",
                "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + output);
        }
    }

    /** Waits until every node says the cluster is ok, after it was created or a node came back. */
    void awaitReady() {
        Awaitility.await("the Redis Cluster's state ok").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> nodes.stream().allMatch(node -> String.valueOf(node.command("CLUSTER", "INFO"))
                        .contains("cluster_state:ok")));
    }

    private static boolean installed() {
        return RedisServer.executable() != null && RedisServer.executable("redis-cli") != null;
    }

    /** A free port whose cluster bus port (10000 above) is free too. */
    private static int portWithFreeBusPort() {
        for (;;) {
            int port = RedisServer.freePort();
            if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
                return port;
            }
        }
    }

    @SuppressWarnings("try") // opening the socket is the test
    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
