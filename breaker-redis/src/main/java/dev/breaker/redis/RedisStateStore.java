package dev.breaker.redis;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.OpenQuorum;
import dev.breaker.core.store.SharedState;
import dev.breaker.core.store.StateStore;
import dev.breaker.redis.Availability.Status;
import dev.breaker.redis.HeldStates.Sync;
import dev.breaker.redis.RedisLink.StoreFailure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.RedisClusterClient;
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
 * <li>A transition is stored at {@code <prefix>{<name>}} ({@code <prefix>{<name>:<key>}} for a
 * keyed child; see {@link RedisKeys}) with a time to live, and announced on the channel
 * {@code <prefix>transitions} in the same atomic script. Other instances apply it as soon as the
 * message arrives; a breaker created later reads the stored state, so an OPEN breaker stays OPEN
 * across a restart until its retry time. Closing deletes the key: Redis holds only what the fleet
 * has open, half-open or forced.</li>
 * <li>When instances trip the same breaker at the same moment, the first to reach Redis wins: the
 * others adopt its open period instead of announcing their own, so that all agree on the retry
 * time and on the half-open round.</li>
 * <li>With an open quorum above 1, a trip opens the tripping instance at once, but the fleet only
 * once that many instances tripped within one open wait.</li>
 * <li>Publishing does not wait for Redis: the command is sent and its outcome handled when it
 * comes back.</li>
 * <li>Half-open trial permits are counted in Redis per breaker and round by a script that
 * increments up to the cap, so at most {@code half-open.permitted-calls} trial calls run across
 * all instances.</li>
 * <li>When Redis is unreachable or refuses commands, every method answers at once from local
 * knowledge ({@code load} finds nothing, permits are granted, transitions are kept to be sent
 * later); a command waits at most the command timeout. The store logs one WARN when the trouble
 * begins and one INFO when it ends, and rejoins within about a second of Redis answering again.
 * It then reconciles: what Redis lost is published again, what this instance missed is applied.
 * The same reconciliation runs every {@link Builder#reconcileInterval reconcile interval} to
 * repair a lost message.</li>
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

    /** How often the store compares its states with Redis's unless told otherwise. */
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());

    private final RedisKeys keys;
    private final Duration ttl;
    private final Duration commandTimeout;
    private final Duration permitExpiry;
    private final Duration reconcileInterval;
    private final int openQuorum;
    private final BreakerClock clock;
    private final HeldStates held = new HeldStates();
    private final Subscribers subscribers;
    private final RedisLink link;
    private final Reconciler reconciler;

    private RedisStateStore(Builder builder) {
        this.keys = new RedisKeys(builder.keyPrefix);
        this.ttl = builder.ttl;
        this.commandTimeout = builder.commandTimeout;
        this.permitExpiry = builder.permitExpiry;
        this.reconcileInterval = builder.reconcileInterval;
        this.openQuorum = builder.openQuorum;
        this.clock = builder.clock;
        this.subscribers = new Subscribers(keys.channel(), held);
        boolean ownsClient = builder.topology == null;
        RedisTopology topology = ownsClient ? RedisTopology.of(RedisLink.ownClient(Objects.requireNonNull(builder.uri)))
                : Objects.requireNonNull(builder.topology);
        this.link = new RedisLink(topology, ownsClient, keys, commandTimeout,
                new Availability("'" + builder.keyPrefix + "'"), subscribers::onMessage, this::readable,
                this::rejoined);
        this.reconciler = new Reconciler(link, keys, held, subscribers, clock, this::publish);
        link.every(reconcileInterval, () -> reconciler.run(false));
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
     * @param client the client to connect with (a standalone Redis, or Sentinel), left to its
     *        owner when the store closes
     * @return a builder for a store on that client
     */
    public static Builder builder(RedisClient client) {
        return new Builder(RedisTopology.of(Objects.requireNonNull(client, "client")), null);
    }

    /**
     * @param client the client of a Redis Cluster, left to its owner when the store closes
     * @return a builder for a store on that cluster
     */
    public static Builder builder(RedisClusterClient client) {
        return new Builder(RedisTopology.of(Objects.requireNonNull(client, "client")), null);
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
        return keys.prefix();
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

    /** @return how often the store compares its states with Redis's */
    public Duration reconcileInterval() {
        return reconcileInterval;
    }

    /** @return how many instances must trip a breaker within one open wait before it opens for all */
    public int openQuorum() {
        return openQuorum;
    }

    /**
     * @return whether Redis answers and accepts commands; when it does not, breakers work on
     *         local state (a health check reports the store as degraded)
     */
    public boolean isAvailable() {
        return link.isUp();
    }

    /** @return why the store is degraded (Redis unreachable, or refusing commands and why), or {@code null} */
    public @Nullable String degradedReason() {
        return link.isUp() ? null : link.reason();
    }

    /** @return the instances that tripped the breaker within its last open wait, as Redis has them */
    @Override
    public OpenQuorum openQuorum(BreakerId id) {
        if (!link.isUp()) {
            return new OpenQuorum(-1, openQuorum);
        }
        String key = keys.tripsKey(id);
        try {
            Long tripped = link.call(redis -> redis.zcard(key), "reading " + key);
            return new OpenQuorum(tripped == null ? 0 : tripped.intValue(), openQuorum);
        }
        catch (StoreFailure ex) {
            return new OpenQuorum(-1, openQuorum);
        }
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
        SharedStateFormat.Stored stored;
        try {
            stored = SharedStateFormat.parseValue(value);
        }
        catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Ignoring the unreadable state stored at Redis key {0}: {1}", key, ex.getMessage());
            return null;
        }
        if (!stored.id().equals(id)) {
            LOG.log(Level.WARNING, "Ignoring the state stored at Redis key {0}: it belongs to {1}", key, stored.id());
            return null;
        }
        return asTimeMadeIt(stored.state());
    }

    /**
     * An OPEN period that is over reads as what it became, a HALF_OPEN breaker (the core reads an
     * OPEN past its retry time so), without the failed recoveries of a period that has ended.
     */
    private SharedState asTimeMadeIt(SharedState state) {
        if (Reconciler.isOver(state, clock.millis()) && state.failedRecoveries() != 0) {
            return new SharedState(CircuitState.OPEN, state.openUntilMillis(), 0, state.changedAtMillis());
        }
        return state;
    }

    @Override
    public void publish(String instanceId, BreakerId id, SharedState state) {
        held.entered(instanceId, id, state);
        if (!link.isUp()) {
            return; // held, and sent by the reconciliation once Redis is back
        }
        String key = keys.stateKey(id);
        long liveMillis = ttl.toMillis();
        long openWait = Math.max(1, state.openUntilMillis() - state.changedAtMillis());
        if (state.state() == CircuitState.OPEN) {
            liveMillis = Math.max(liveMillis, openWait);
        }
        String[] args = {SharedStateFormat.value(id, state), Long.toString(liveMillis), keys.channel(),
            SharedStateFormat.message(instanceId, id, state), state.state().name(),
            Long.toString(state.changedAtMillis()), Integer.toString(openQuorum), RedisKeys.encode(instanceId),
            Long.toString(openWait)};
        link.<String>send(redis -> redis.eval(Scripts.PUBLISH, ScriptOutputType.VALUE,
                new String[] {key, keys.tripsKey(id)}, args), "publishing " + key,
                answer -> published(instanceId, id, key, state, answer));
    }

    private void published(String instanceId, BreakerId id, String key, SharedState state, String answer) {
        if (answer.startsWith(Scripts.BELOW_QUORUM)) {
            held.confirmed(id, state, Sync.LOCAL);
            return;
        }
        held.confirmed(id, state, Sync.SHARED);
        if (state.state() == CircuitState.CLOSED) {
            link.send(redis -> redis.srem(keys.indexKey(), key), "updating " + keys.indexKey(), n -> { });
            return;
        }
        link.send(redis -> redis.sadd(keys.indexKey(), key), "updating " + keys.indexKey(), n -> { });
        if (!answer.equals(Scripts.STORED)) {
            try {
                subscribers.adopt(instanceId, id, SharedStateFormat.parseValue(answer).state());
            }
            catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Ignoring the unreadable state stored at Redis key {0}: {1}", key,
                        ex.getMessage());
            }
        }
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
                    Integer.toString(permitted), Long.toString(permitExpiry.toMillis())), "taking a permit at " + key);
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

    /** @return whether the keys the reconciliation reads answer; true while the store is being built */
    private boolean readable() {
        return reconciler == null || reconciler.readable();
    }

    /**
     * Redis is up again: reconcile at once. After an outage (or at the first connection, when
     * transitions may have been held back) Redis may have lost states, which are published
     * again; after refusals it kept them.
     */
    private void rejoined(Status before) {
        if (reconciler == null) {
            return; // the first connection, made while the store is being built: nothing is held yet
        }
        reconciler.run(before != Status.REFUSING);
    }

    /** Closes the store's connections, and its client if it made the client itself. */
    @Override
    public void close() {
        link.close();
        subscribers.close();
    }

    @Override
    public String toString() {
        return "RedisStateStore[prefix=" + keys.prefix() + ", ttl=" + ttl + ", available=" + isAvailable() + "]";
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

        private final @Nullable RedisTopology topology;
        private final @Nullable RedisURI uri;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration ttl = DEFAULT_TTL;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration permitExpiry = DEFAULT_PERMIT_EXPIRY;
        private Duration reconcileInterval = DEFAULT_RECONCILE_INTERVAL;
        private int openQuorum = 1;
        private BreakerClock clock = BreakerClock.system();

        /** Either a topology on the caller's client, or where Redis is for a client of the store's own. */
        private Builder(@Nullable RedisTopology topology, @Nullable RedisURI uri) {
            this.topology = topology;
            this.uri = uri;
        }

        /**
         * @param keyPrefix the prefix of every key and of the channel; no braces, which would
         *        change the keys' Redis Cluster hash slots @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            new RedisKeys(keyPrefix);
            this.keyPrefix = keyPrefix;
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

        /**
         * @param reconcileInterval how often the store compares its states with Redis's, to repair
         *        a lost message; positive @return this builder
         */
        public Builder reconcileInterval(Duration reconcileInterval) {
            this.reconcileInterval = positive(reconcileInterval, "reconcileInterval");
            return this;
        }

        /**
         * @param openQuorum how many distinct instances must trip a breaker within one open wait
         *        before it opens for the fleet; 1 (the default) shares every trip @return this builder
         */
        public Builder openQuorum(int openQuorum) {
            if (openQuorum < 1) {
                throw new IllegalArgumentException("openQuorum must be at least 1, was " + openQuorum);
            }
            this.openQuorum = openQuorum;
            return this;
        }

        /**
         * @param clock the breakers' clock, which tells when a stored OPEN period is over
         *        @return this builder
         */
        public Builder clock(BreakerClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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
