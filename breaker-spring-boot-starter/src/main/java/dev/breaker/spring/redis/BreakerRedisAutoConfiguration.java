package dev.breaker.spring.redis;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.store.StateStore;
import dev.breaker.redis.RedisStateStore;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.BreakerProperties;
import dev.breaker.spring.autoconfigure.InvalidBreakerPropertyException;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of a {@link RedisStateStore} when
 * {@code breaker.state-store.type=redis}: the registry's breakers share their transitions with
 * every instance that uses the same Redis and key prefix.
 *
 * <p>The store connects with the application's own Redis settings ({@code spring.data.redis.*}:
 * URL or host and port, username, password, database, SSL, timeouts, client name; or a service
 * connection), on a client of its own that it shuts down with the application. Its keys start
 * with {@code breaker.state-store.redis.key-prefix} and expire after
 * {@code breaker.state-store.redis.ttl}. A {@link StateStore} bean of the application's own
 * takes its place.
 */
@AutoConfiguration(before = BreakerAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisStateStore.class, RedisClient.class, DataRedisConnectionDetails.class })
@ConditionalOnProperty(name = "breaker.state-store.type", havingValue = "redis")
@EnableConfigurationProperties({ BreakerProperties.class, DataRedisProperties.class })
public final class BreakerRedisAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(StateStore.class)
    StateStoreRedisClient breakerStateStoreRedisClient(DataRedisProperties redisProperties,
            ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
        DataRedisConnectionDetails details = connectionDetails.getIfAvailable();
        if (details == null) {
            throw new InvalidBreakerPropertyException("breaker.state-store.type", null, "redis",
                    "uses the application's Redis connection (spring.data.redis.*), but Spring Boot's "
                            + "DataRedisAutoConfiguration is excluded; include it or define a StateStore bean");
        }
        return StateStoreRedisClient.create(details, redisProperties);
    }

    @Bean
    @ConditionalOnMissingBean(StateStore.class)
    RedisStateStore breakerStateStore(StateStoreRedisClient client, BreakerProperties properties,
            ObjectProvider<BreakerClock> clock) {
        BreakerProperties.StateStore.Redis redis = properties.getStateStore().getRedis();
        return client.storeBuilder()
            .clock(clock.getIfAvailable(BreakerClock::system))
            .keyPrefix(keyPrefix(redis.getKeyPrefix()))
            .ttl(atLeastOneMilli("breaker.state-store.redis.ttl", redis.getTtl(), "24h"))
            .commandTimeout(atLeastOneMilli("breaker.state-store.redis.timeout", redis.getTimeout(), "500ms"))
            .reconcileInterval(atLeastOneMilli("breaker.state-store.redis.reconcile-interval",
                    redis.getReconcileInterval(), "5s"))
            .openQuorum(openQuorum(redis.getOpenQuorum()))
            .build();
    }

    private static String keyPrefix(String prefix) {
        if (prefix == null || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new InvalidBreakerPropertyException("breaker.state-store.redis.key-prefix", null, prefix,
                    "must not contain '{' or '}': each breaker's keys carry a Redis Cluster hash tag in braces");
        }
        return prefix;
    }

    private static Duration atLeastOneMilli(String property, Duration value, String example) {
        if (value == null || value.toMillis() < 1) {
            throw new InvalidBreakerPropertyException(property, null, value,
                    "must be a duration of at least 1ms, such as " + example);
        }
        return value;
    }

    private static int openQuorum(int quorum) {
        if (quorum < 1) {
            throw new InvalidBreakerPropertyException("breaker.state-store.redis.open-quorum", null, quorum,
                    "must be at least 1: the number of instances that must trip a breaker before it opens for all");
        }
        return quorum;
    }
}
