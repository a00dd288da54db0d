package dev.breaker.spring.redis;

import dev.breaker.redis.RedisStateStore;
import dev.breaker.spring.autoconfigure.InvalidBreakerPropertyException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;

/**
 * The Lettuce client of the Redis state store, made from the application's Redis settings and
 * shut down with the application: a {@link RedisClient} for a standalone Redis or a Sentinel
 * setup, a {@link RedisClusterClient} for a Redis Cluster. It is the store's own: it rejects
 * commands while disconnected, so that no call waits for a Redis that is away, and leaves
 * reconnecting to the store, which tries every 500 ms instead of backing off for longer and
 * longer.
 */
final class StateStoreRedisClient implements DisposableBean {

    /** Connect timeout unless {@code spring.data.redis.connect-timeout} says otherwise. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Timeout of a command nobody waits for, unless {@code spring.data.redis.timeout} says otherwise. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final AbstractRedisClient client;

    private final Supplier<RedisStateStore.Builder> storeBuilder;

    private StateStoreRedisClient(AbstractRedisClient client, Supplier<RedisStateStore.Builder> storeBuilder) {
        this.client = client;
        this.storeBuilder = storeBuilder;
    }

    // Lettuce marks its adaptive refresh triggers deprecated but offers nothing else that notices a failover at once
    @SuppressWarnings("deprecation")
    static StateStoreRedisClient create(DataRedisConnectionDetails details, DataRedisProperties properties) {
        if (details.getCluster() != null) {
            RedisClusterClient client = RedisClusterClient.create(clusterUris(details, properties));
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                    .enableAdaptiveRefreshTrigger(ClusterTopologyRefreshOptions.RefreshTrigger.values())
                    .build());
            client.setOptions(configure(options, details, properties).build());
            return new StateStoreRedisClient(client, () -> RedisStateStore.builder(client));
        }
        RedisClient client = RedisClient.create(uri(details, properties));
        client.setOptions(configure(ClientOptions.builder(), details, properties).build());
        return new StateStoreRedisClient(client, () -> RedisStateStore.builder(client));
    }

    private static <B extends ClientOptions.Builder> B configure(B options, DataRedisConnectionDetails details,
            DataRedisProperties properties) {
        options.autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder()
                .connectTimeout(orDefault(properties.getConnectTimeout(), DEFAULT_CONNECT_TIMEOUT))
                .keepAlive(true)
                .build())
            .timeoutOptions(TimeoutOptions.enabled(orDefault(properties.getTimeout(), DEFAULT_COMMAND_TIMEOUT)));
        SslBundle sslBundle = details.getSslBundle();
        if (sslBundle != null) {
            options.sslOptions(SslOptions.builder()
                .keyManager(sslBundle.getManagers().getKeyManagerFactory())
                .trustManager(sslBundle.getManagers().getTrustManagerFactory())
                .build());
        }
        return options;
    }

    /**
     * The seed nodes of a Redis Cluster, each with the application's credentials, SSL, timeout
     * and client name.
     */
    static List<RedisURI> clusterUris(DataRedisConnectionDetails details, DataRedisProperties properties) {
        DataRedisConnectionDetails.Cluster cluster = details.getCluster();
        if (cluster == null || cluster.getNodes().isEmpty()) {
            throw new InvalidBreakerPropertyException("breaker.state-store.type", null, "redis",
                    "needs at least one Redis Cluster node under spring.data.redis.cluster.nodes");
        }
        return cluster.getNodes()
            .stream()
            .map((node) -> common(RedisURI.Builder.redis(node.host(), node.port()), details, properties).build())
            .toList();
    }

    /**
     * Where the store connects, as the application's own Redis connection would: a standalone
     * Redis or a Sentinel setup, with its credentials, database, SSL, timeout and client name.
     */
    static RedisURI uri(DataRedisConnectionDetails details, DataRedisProperties properties) {
        if (details.getMasterReplica() != null) {
            throw new InvalidBreakerPropertyException("breaker.state-store.type", null, "redis",
                    "works with a standalone Redis, Sentinel or a Redis Cluster; the Redis state store does not "
                            + "support the static master/replica connection configured under spring.data.redis");
        }
        Sentinel sentinel = details.getSentinel();
        RedisURI.Builder builder = (sentinel != null) ? sentinel(sentinel) : standalone(details.getStandalone());
        return common(builder, details, properties).build();
    }

    private static RedisURI.Builder common(RedisURI.Builder builder, DataRedisConnectionDetails details,
            DataRedisProperties properties) {
        authenticate(builder, details.getUsername(), details.getPassword());
        if (details.getSslBundle() != null || urlUsesSsl(properties.getUrl())) {
            builder.withSsl(true);
        }
        if (properties.getTimeout() != null) {
            builder.withTimeout(properties.getTimeout());
        }
        if (properties.getClientName() != null && !properties.getClientName().isBlank()) {
            builder.withClientName(properties.getClientName());
        }
        return builder;
    }

    private static RedisURI.Builder standalone(@Nullable Standalone standalone) {
        if (standalone == null) {
            throw new InvalidBreakerPropertyException("breaker.state-store.type", null, "redis",
                    "needs a Redis to connect to; set spring.data.redis.url or spring.data.redis.host");
        }
        return RedisURI.Builder.redis(standalone.getHost(), standalone.getPort()).withDatabase(standalone.getDatabase());
    }

    private static RedisURI.Builder sentinel(Sentinel sentinel) {
        List<Node> nodes = sentinel.getNodes();
        if (nodes.isEmpty()) {
            throw new InvalidBreakerPropertyException("breaker.state-store.type", null, "redis",
                    "needs at least one Sentinel node under spring.data.redis.sentinel.nodes");
        }
        RedisURI.Builder builder = RedisURI.builder()
            .withSentinelMasterId(sentinel.getMaster())
            .withDatabase(sentinel.getDatabase());
        for (Node node : nodes) {
            RedisURI.Builder sentinelNode = RedisURI.Builder.redis(node.host(), node.port());
            authenticate(sentinelNode, sentinel.getUsername(), sentinel.getPassword());
            builder.withSentinel(sentinelNode.build());
        }
        return builder;
    }

    private static void authenticate(RedisURI.Builder builder, @Nullable String username, @Nullable String password) {
        if (password == null) {
            return;
        }
        if (username != null) {
            builder.withAuthentication(username, password);
        }
        else {
            builder.withPassword(password);
        }
    }

    private static boolean urlUsesSsl(@Nullable String url) {
        return url != null && url.startsWith("rediss:");
    }

    private static Duration orDefault(@Nullable Duration value, Duration fallback) {
        return (value != null) ? value : fallback;
    }

    /** @return a builder of a store on this client */
    RedisStateStore.Builder storeBuilder() {
        return this.storeBuilder.get();
    }

    @Override
    public void destroy() {
        this.client.shutdown();
    }
}
