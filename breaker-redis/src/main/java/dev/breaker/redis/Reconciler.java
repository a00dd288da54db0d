package dev.breaker.redis;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import dev.breaker.redis.HeldStates.Held;
import dev.breaker.redis.HeldStates.Sync;
import dev.breaker.redis.RedisLink.StoreFailure;
import io.lettuce.core.RedisFuture;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Brings this store's instances and Redis to one state: after Redis returns, and periodically to
 * repair a lost message. It reads the index of the fleet's state keys and the keys of the states
 * held here (one SMEMBERS and one pipelined GET per key: the cost is one small read per breaker
 * the fleet has open, half-open or forced), then, per breaker, the newer side wins:
 *
 * <ul>
 * <li>a state in Redis that is newer than the held one (or not held) is applied here;</li>
 * <li>a held state newer than Redis's, or one Redis never took, is published again;</li>
 * <li>a held shared state that Redis no longer has was closed by another instance whose message
 * was lost, and is closed here; unless Redis was away, when Redis is the one that lost it (a
 * restart without persistence, a failover that lost writes) and it is published again.</li>
 * </ul>
 *
 * An OPEN period that is over counts as nothing: every instance half-opens by itself.
 */
final class Reconciler {

    /** Publishes a held state again. */
    @FunctionalInterface
    interface Republisher {
        void publish(String instanceId, BreakerId id, SharedState state);
    }

    private final RedisLink link;
    private final RedisKeys keys;
    private final HeldStates held;
    private final Subscribers subscribers;
    private final BreakerClock clock;
    private final Republisher republisher;

    Reconciler(RedisLink link, RedisKeys keys, HeldStates held, Subscribers subscribers, BreakerClock clock,
            Republisher republisher) {
        this.link = link;
        this.keys = keys;
        this.held = held;
        this.subscribers = subscribers;
        this.clock = clock;
        this.republisher = republisher;
    }

    /** @param afterOutage whether Redis was away since the last run, so that it may have lost states */
    void run(boolean afterOutage) {
        long now = clock.millis();
        Map<BreakerId, Held> mine = held.current(now);
        Map<BreakerId, SharedState> inRedis;
        try {
            inRedis = read(mine.keySet(), now);
        }
        catch (StoreFailure ex) {
            return; // reported; the next run tries again
        }
        inRedis.forEach((id, state) -> {
            Held h = mine.get(id);
            if (h != null && h.state().changedAtMillis() > state.changedAtMillis()) {
                republisher.publish(h.instanceId(), id, h.state());
            }
            else if (h == null || !h.state().equals(state)) {
                subscribers.reconcile(id, state);
            }
        });
        mine.forEach((id, h) -> {
            if (!inRedis.containsKey(id)) {
                missingFromRedis(id, h, afterOutage, now);
            }
        });
    }

    private void missingFromRedis(BreakerId id, Held h, boolean afterOutage, long now) {
        if (h.sync() == Sync.UNSENT || afterOutage) {
            republisher.publish(h.instanceId(), id, h.state());
        }
        else if (h.sync() == Sync.SHARED) {
            subscribers.reconcile(id, new SharedState(CircuitState.CLOSED, -1, 0, now));
        }
    }

    /**
     * Reads what a run would read, without reporting a failure: whether Redis is back for the
     * keys that matter, which in a cluster may live on a node that is still away.
     */
    boolean readable() {
        try {
            for (String key : stateKeys(link.awaitQuietly(link.start(redis -> redis.smembers(keys.indexKey()))),
                    held.current(clock.millis()).keySet())) {
                link.awaitQuietly(link.start(redis -> redis.exists(key)));
            }
            return true;
        }
        catch (RuntimeException ex) { // a StoreFailure, or a command Lettuce would not even send
            return false;
        }
    }

    private Set<String> stateKeys(Set<String> indexed, Set<BreakerId> mine) {
        Set<String> stateKeys = new LinkedHashSet<>(indexed);
        mine.forEach(id -> stateKeys.add(keys.stateKey(id)));
        return stateKeys;
    }

    /** @return the states Redis holds for the indexed keys and the given breakers, open periods over left out */
    private Map<BreakerId, SharedState> read(Set<BreakerId> mine, long now) {
        Set<String> stateKeys = stateKeys(link.call(redis -> redis.smembers(keys.indexKey()),
                "reading " + keys.indexKey()), mine);
        Map<String, RedisFuture<String>> reads = new LinkedHashMap<>();
        for (String key : stateKeys) {
            reads.put(key, link.start(redis -> redis.get(key)));
        }
        Map<BreakerId, SharedState> states = new HashMap<>();
        for (Map.Entry<String, RedisFuture<String>> read : reads.entrySet()) {
            String value = link.await(read.getValue(), "reading " + read.getKey());
            if (value == null) {
                link.send(redis -> redis.srem(keys.indexKey(), read.getKey()), "updating " + keys.indexKey(), n -> { });
                continue;
            }
            try {
                SharedStateFormat.Stored stored = SharedStateFormat.parseValue(value);
                if (!isOver(stored.state(), now)) {
                    states.put(stored.id(), stored.state());
                }
            }
            catch (RuntimeException ex) {
                // an unreadable value: loading that breaker reports it
            }
        }
        return states;
    }

    static boolean isOver(SharedState state, long now) {
        return state.state() == CircuitState.OPEN && state.openUntilMillis() <= now;
    }
}
