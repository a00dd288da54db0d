package dev.breaker.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How the store reaches Redis: one server (standalone, or the master a Sentinel names) through a
 * {@link RedisClient}, or a Redis Cluster through a {@link RedisClusterClient}. Either way the
 * store sees one command connection and one subscription.
 */
interface RedisTopology {

    /** @return a new command connection */
    Commands connect();

    /** @return a new connection for the subscription */
    StatefulRedisPubSubConnection<String, String> connectPubSub();

    /** Shuts the client down; only for a client the store made itself. */
    void shutdown();

    /**
     * A command connection and its asynchronous commands, whatever the topology.
     * @param checkEveryMaster pings the server, or asks every master of a cluster whether the
     *        cluster is ok: the store is back only when all say so, or it would flap between up
     *        and down while a master is away or the cluster reorganises
     */
    record Commands(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> async,
            Supplier<CompletionStage<?>> checkEveryMaster) {
    }

    private static CompletionStage<?> everyMasterSaysOk(StatefulRedisClusterConnection<String, String> connection) {
        List<CompletableFuture<String>> infos = connection.getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
                .map(node -> connection.getConnection(node.getNodeId()).async().clusterInfo().toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new)).thenRun(() -> {
            if (infos.isEmpty() || !infos.stream().allMatch(info -> info.join().contains("cluster_state:ok"))) {
                throw new RedisCommandExecutionException("CLUSTERDOWN not every master says cluster_state:ok");
            }
        });
    }

    static RedisTopology of(RedisClient client) {
        return new RedisTopology() {
            @Override
            public Commands connect() {
                StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8);
                return new Commands(connection, connection.async(), () -> connection.async().ping());
            }

            @Override
            public StatefulRedisPubSubConnection<String, String> connectPubSub() {
                return client.connectPubSub(StringCodec.UTF8);
            }

            @Override
            public void shutdown() {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        };
    }

    /**
     * A Redis Cluster: commands go to the master of their key's slot; the subscription is a
     * classic one on one node, which receives every message because a PUBLISH in a cluster
     * reaches all nodes.
     */
    static RedisTopology of(RedisClusterClient client) {
        return new RedisTopology() {
            @Override
            public Commands connect() {
                StatefulRedisClusterConnection<String, String> connection = client.connect(StringCodec.UTF8);
                return new Commands(connection, connection.async(), () -> everyMasterSaysOk(connection));
            }

            @Override
            public StatefulRedisPubSubConnection<String, String> connectPubSub() {
                return client.connectPubSub(StringCodec.UTF8);
            }

            @Override
            public void shutdown() {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        };
    }
}
