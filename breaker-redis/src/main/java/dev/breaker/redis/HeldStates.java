package dev.breaker.redis;

import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The states other than CLOSED that this store's instances hold, as last published or applied,
 * and whether Redis has them: what the reconciliation compares with Redis. A CLOSED state is no
 * entry, and an OPEN one is dropped once its period is over (its next transition brings it back),
 * so the map holds at most the breakers that are open or forced right now.
 */
final class HeldStates {

    /** Whether Redis has a held state. */
    enum Sync {
        /** Not sent, or Redis did not take it: the reconciliation sends it. */
        UNSENT,
        /** Stored in Redis for the fleet. */
        SHARED,
        /** An OPEN below the open quorum: Redis counts the trip, the OPEN is this instance's own. */
        LOCAL
    }

    /** One held state and the instance that holds it. */
    record Held(String instanceId, SharedState state, Sync sync) {
    }

    private final Map<BreakerId, Held> held = new ConcurrentHashMap<>();

    /** Records a state this instance entered, not yet confirmed by Redis. */
    void entered(String instanceId, BreakerId id, SharedState state) {
        record(id, state, old -> new Held(instanceId, state, Sync.UNSENT));
    }

    /** Records what Redis answered to the publication of {@code state}, unless a later one replaced it. */
    void confirmed(BreakerId id, SharedState state, Sync sync) {
        held.computeIfPresent(id, (i, old) -> old.state().equals(state) ? new Held(old.instanceId(), state, sync) : old);
    }

    /** Records a state applied from Redis, which the fleet shares. */
    void applied(String instanceId, BreakerId id, SharedState state) {
        record(id, state, old -> new Held(old == null ? instanceId : old.instanceId(), state, Sync.SHARED));
    }

    void forget(BreakerId id) {
        held.remove(id);
    }

    /** @return the held states, less the OPEN periods over by {@code nowMillis}, which it drops */
    Map<BreakerId, Held> current(long nowMillis) {
        held.values().removeIf(h -> h.state().state() == CircuitState.OPEN && h.state().openUntilMillis() <= nowMillis);
        return Map.copyOf(held);
    }

    private void record(BreakerId id, SharedState state, Function<Held, Held> entry) {
        if (state.state() == CircuitState.CLOSED) {
            held.remove(id);
        }
        else {
            held.compute(id, (i, old) -> entry.apply(old));
        }
    }
}
