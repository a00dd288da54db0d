package dev.breaker.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

/** The store connects where the application's own Redis connection does. */
class StateStoreRedisClientTests {

    private final DataRedisProperties properties = new DataRedisProperties();

    @Test
    void standaloneShouldCarryCredentialsDatabaseTimeoutAndClientName() {
        this.properties.setTimeout(Duration.ofSeconds(3));
        this.properties.setClientName("orders");
        RedisURI uri = StateStoreRedisClient.uri(new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("redis.internal", 6380, 4);
            }

            @Override
            public String getUsername() {
                return "app";
            }

            @Override
            public String getPassword() {
                return "secret";
            }
        }, this.properties);
        assertThat(uri.getHost()).isEqualTo("redis.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(4);
        assertThat(credentials(uri).getUsername()).isEqualTo("app");
        assertThat(credentials(uri).getPassword()).containsExactly("secret".toCharArray());
        assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(uri.getClientName()).isEqualTo("orders");
        assertThat(uri.isSsl()).isFalse();
    }

    @Test
    void redissUrlShouldUseSsl() {
        this.properties.setUrl("rediss://redis.internal:6379");
        RedisURI uri = StateStoreRedisClient.uri(standalone(), this.properties);
        assertThat(uri.isSsl()).isTrue();
    }

    @Test
    void sentinelShouldListEveryNodeWithItsCredentialsAndTheMaster() {
        RedisURI uri = StateStoreRedisClient.uri(new DataRedisConnectionDetails() {
            @Override
            public Sentinel getSentinel() {
                return new Sentinel() {
                    @Override
                    public int getDatabase() {
                        return 2;
                    }

                    @Override
                    public String getMaster() {
                        return "mymaster";
                    }

                    @Override
                    public List<Node> getNodes() {
                        return List.of(new Node("s1", 26379), new Node("s2", 26380));
                    }

                    @Override
                    public @Nullable String getUsername() {
                        return null;
                    }

                    @Override
                    public String getPassword() {
                        return "sentinel-secret";
                    }
                };
            }

            @Override
            public String getPassword() {
                return "master-secret";
            }
        }, this.properties);
        assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(credentials(uri).getPassword()).containsExactly("master-secret".toCharArray());
        assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
            .containsExactly(Tuple.tuple("s1", 26379),
                    Tuple.tuple("s2", 26380));
        assertThat(uri.getSentinels())
            .allSatisfy((node) -> assertThat(credentials(node).getPassword()).containsExactly("sentinel-secret".toCharArray()));
    }

    @Test
    void clusterShouldListEverySeedNodeWithTheCredentialsAndTimeout() {
        this.properties.setTimeout(Duration.ofSeconds(3));
        List<RedisURI> uris = StateStoreRedisClient.clusterUris(new DataRedisConnectionDetails() {
            @Override
            public Cluster getCluster() {
                return () -> List.of(new Node("c1", 7000), new Node("c2", 7001));
            }

            @Override
            public String getPassword() {
                return "cluster-secret";
            }
        }, this.properties);
        assertThat(uris).extracting(RedisURI::getHost, RedisURI::getPort)
            .containsExactly(Tuple.tuple("c1", 7000), Tuple.tuple("c2", 7001));
        assertThat(uris).allSatisfy((uri) -> {
            assertThat(credentials(uri).getPassword()).containsExactly("cluster-secret".toCharArray());
            assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        });
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }

    private static DataRedisConnectionDetails standalone() {
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("redis.internal", 6379);
            }
        };
    }
}
