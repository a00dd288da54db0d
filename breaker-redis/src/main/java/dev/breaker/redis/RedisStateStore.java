package dev.breaker.redis;

import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import dev.breaker.core.store.StateStore;
import dev.breaker.redis.RedisLink.StoreFailure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StateStore} on Redis, through Lettuce: the instances of a service that use the same
 * Redis and key prefix share their breakers' transitions.
 *
 * <ul>
 * <li>A transition is stored at {@code <prefix><name>} ({@code <prefix><name>:<key>} for a keyed
 * child; name and key URL-encoded) with a time to live, and announced on the channel
 * {@code <prefix>transitions} in the same atomic script. Other instances apply it as soon as the
 * message arrives; a breaker created later reads the stored state, so an OPEN breaker stays OPEN
 * across a restart until its retry time.</li>
 * <li>When instances trip the same breaker at the same moment, the first to reach Redis wins: the
 * others adopt its open period instead of announcing their own, so that all agree on the retry
 * time and on the half-open round.</li>
 * <li>Publishing does not wait for Redis: the command is sent and its outcome handled when it
 * comes back.</li>
 * <li>Half-open trial permits are counted in Redis per breaker and round by a script that
 * increments up to the cap, so at most {@code half-open.permitted-calls} trial calls run across
 * all instances.</li>
 * <li>When Redis is unreachable, every method answers at once from local knowledge ({@code load}
 * finds nothing, permits are granted, transitions are dropped); a command waits at most the
 * command timeout. The store logs one WARN when Redis goes away and one INFO when it is back;
 * Lettuce reconnects by itself and the store subscribes again.</li>
 * </ul>
 *
 * <p>Create one with {@link #create(RedisClient, String, Duration)} or a {@link #builder(RedisClient)},
 * hand it to {@code CircuitBreakerRegistry.builder().stateStore(...)}, and close it (the registry's
 * {@code close()} does) when the application stops.
 */
public final class RedisStateStore implements StateStore {

    /** The key prefix unless one is given. */
    public static final String DEFAULT_KEY_PREFIX = "breaker:";

    /** How long a stored state lives unless told otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    /** How long a command that must answer (load, trial permit) may wait unless told otherwise. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);

    /** How long the permit count of a half-open round lives unless told otherwise. */
    public static final Duration DEFAULT_PERMIT_EXPIRY = Duration.ofMinutes(5);

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());

    private final RedisKeys keys;
    private final String keyPrefix;
    private final Duration ttl;
    private final Duration commandTimeout;
    private final Duration permitExpiry;
    private final String permitExpiryMillis;
    private final Subscribers subscribers;
    private final RedisLink link;

    private RedisStateStore(Builder builder) {
        this.keyPrefix = builder.keyPrefix;
        this.keys = new RedisKeys(builder.keyPrefix);
        this.ttl = builder.ttl;
        this.commandTimeout = builder.commandTimeout;
        this.permitExpiry = builder.permitExpiry;
        this.permitExpiryMillis = Long.toString(builder.permitExpiry.toMillis());
        this.subscribers = new Subscribers(keys.channel());
        RedisClient client = (builder.client != null) ? builder.client
                : RedisLink.ownClient(Objects.requireNonNull(builder.uri));
        this.link = new RedisLink(client, builder.client == null, keys.channel(), commandTimeout,
                new Availability("'" + keyPrefix + "'"), subscribers::onMessage);
    }

    /**
     * A store on the given client with the default command timeout and permit expiry.
     * @param client the client to connect with; the store opens its own two connections on it and
     *        leaves the client itself to its owner
     * @param keyPrefix the prefix of every key and of the channel, for example {@code "breaker:"}
     * @param ttl how long a stored state lives
     * @return the store, connected if Redis answered
     */
    public static RedisStateStore create(RedisClient client, String keyPrefix, Duration ttl) {
        return builder(client).keyPrefix(keyPrefix).ttl(ttl).build();
    }

    /**
     * @param client the client to connect with, left to its owner when the store closes
     * @return a builder for a store on that client
     */
    public static Builder builder(RedisClient client) {
        return new Builder(Objects.requireNonNull(client, "client"), null);
    }

    /**
     * @param uri where Redis is; the store makes its own client, which rejects commands while
     *        disconnected, and shuts it down when it closes
     * @return a builder for a store on its own client
     */
    public static Builder builder(RedisURI uri) {
        return new Builder(null, Objects.requireNonNull(uri, "uri"));
    }

    /** @return the prefix of every key and of the channel */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** @return how long a stored state lives */
    public Duration ttl() {
        return ttl;
    }

    /** @return how long a command that must answer may wait */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** @return how long the permit count of a half-open round lives */
    public Duration permitExpiry() {
        return permitExpiry;
    }

    /**
     * @return whether Redis answers; when it does not, breakers work on local state (a health
     *         check reports the store as degraded)
     */
    public boolean isAvailable() {
        return link.isUp();
    }

    @Override
    public @Nullable SharedState load(BreakerId id) {
        if (!link.isUp()) {
            return null;
        }
        String key = keys.stateKey(id);
        String value;
        try {
            value = link.call(redis -> redis.get(key), "reading " + key);
        }
        catch (StoreFailure ex) {
            return null;
        }
        if (value == null) {
            return null;
        }
        try {
            return SharedStateFormat.parseValue(value);
        }
        catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Ignoring the unreadable state stored at Redis key {0}: {1}", key, ex.getMessage());
            return null;
        }
    }

    @Override
    public void publish(String instanceId, BreakerId id, SharedState state) {
        if (!link.isUp()) {
            return;
        }
        String key = keys.stateKey(id);
        long liveMillis = ttl.toMillis();
        if (state.openUntilMillis() > state.changedAtMillis()) {
            liveMillis = Math.max(liveMillis, state.openUntilMillis() - state.changedAtMillis());
        }
        String[] args = {SharedStateFormat.value(state), Long.toString(liveMillis), keys.channel(),
            SharedStateFormat.message(instanceId, id, state), state.state().name(),
            Long.toString(state.changedAtMillis())};
        link.<String>send(redis -> redis.eval(Scripts.PUBLISH, ScriptOutputType.VALUE, new String[] {key}, args),
                "publishing " + key, earlier -> {
                    if (earlier != null) {
                        subscribers.adopt(instanceId, id, key, earlier);
                    }
                });
    }

    @Override
    public void subscribe(String instanceId, SharedStateListener listener) {
        subscribers.add(Objects.requireNonNull(instanceId, "instanceId"), Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean tryAcquireTrialPermit(BreakerId id, long round, int permitted) {
        if (!link.isUp()) {
            return true;
        }
        String key = keys.permitKey(id, round);
        try {
            Long taken = link.call(redis -> redis.eval(Scripts.ACQUIRE, ScriptOutputType.INTEGER, new String[] {key},
                    Integer.toString(permitted), permitExpiryMillis), "taking a permit at " + key);
            return taken == null || taken != 0;
        }
        catch (StoreFailure ex) {
            return true;
        }
    }

    @Override
    public void releaseTrialPermit(BreakerId id, long round) {
        if (!link.isUp()) {
            return;
        }
        String key = keys.permitKey(id, round);
        link.<Long>send(redis -> redis.eval(Scripts.RELEASE, ScriptOutputType.INTEGER, new String[] {key}),
                "releasing a permit at " + key, before -> { });
    }

    /** Closes the store's connections, and its client if it made the client itself. */
    @Override
    public void close() {
        link.close();
        subscribers.close();
    }

    @Override
    public String toString() {
        return "RedisStateStore[prefix=" + keyPrefix + ", ttl=" + ttl + ", available=" + isAvailable() + "]";
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds a {@link RedisStateStore}. */
    public static final class Builder {

        private final @Nullable RedisClient client;
        private final @Nullable RedisURI uri;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration ttl = DEFAULT_TTL;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration permitExpiry = DEFAULT_PERMIT_EXPIRY;

        private Builder(@Nullable RedisClient client, @Nullable RedisURI uri) {
            this.client = client;
            this.uri = uri;
        }

        /** @param keyPrefix the prefix of every key and of the channel @return this builder */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /** @param ttl how long a stored state lives; positive @return this builder */
        public Builder ttl(Duration ttl) {
            this.ttl = positive(ttl, "ttl");
            return this;
        }

        /** @param commandTimeout how long a command that must answer may wait; positive @return this builder */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = positive(commandTimeout, "commandTimeout");
            return this;
        }

        /**
         * @param permitExpiry how long the permit count of a half-open round lives after its last
         *        permit was taken; longer than any trial call should run @return this builder
         */
        public Builder permitExpiry(Duration permitExpiry) {
            this.permitExpiry = positive(permitExpiry, "permitExpiry");
            return this;
        }

        /** @return the store, connected if Redis answered; if not, it connects by itself later */
        public RedisStateStore build() {
            return new RedisStateStore(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.toMillis() == 0) {
                throw new IllegalArgumentException(name + " must be at least 1ms, was " + value);
            }
            return value;
        }
    }
}
