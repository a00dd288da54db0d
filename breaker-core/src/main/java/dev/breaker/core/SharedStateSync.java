package dev.breaker.core;

import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import dev.breaker.core.store.StateStore;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Keeps breakers in step with a {@link StateStore}: a new breaker starts from the shared state,
 * each transition it makes is published, other instances' transitions are applied, and
 * half-open trial permits are asked of the store. With a store that is not shared every method
 * returns at once. A store's fault never reaches a call: the breaker goes on with local state.
 */
final class SharedStateSync {

    /** The one instance for every breaker whose store is not shared. */
    static final SharedStateSync LOCAL = new SharedStateSync(dev.breaker.core.store.LocalStateStore.INSTANCE, "local");

    private final StateStore store;
    private final String instanceId;
    private final boolean shared;

    SharedStateSync(StateStore store, String instanceId) {
        this.store = store;
        this.instanceId = instanceId;
        this.shared = store.isShared();
    }

    /**
     * Routes other instances' transitions to the breakers they concern; the registry and a
     * standalone breaker wire themselves this same way.
     * @param byName the named breaker of a name, or {@code null} when there is none here
     */
    void subscribe(Function<String, @Nullable CircuitBreaker> byName) {
        if (!shared) {
            return;
        }
        store.subscribe(instanceId, (id, state) -> {
            CircuitBreaker breaker = byName.apply(id.name());
            if (breaker != null && id.key() != null) {
                breaker = breaker.findChild(id.key()).orElse(null);
            }
            if (breaker != null) {
                apply(breaker, state);
            }
        });
    }

    /**
     * @return the period a new breaker starts in: what the store holds for it, or CLOSED. An OPEN
     *         period already over reads HALF_OPEN from the first read on, as it does on every
     *         instance of the fleet; the store reads it without the ended period's backoff step.
     */
    BreakerState initialState(CircuitBreaker breaker, long now) {
        SharedState stored = shared ? load(breaker.id()) : null;
        if (stored != null) {
            BreakerState restored = restore(breaker, stored, 1, now, WindowCounts.EMPTY);
            if (restored != null) {
                return restored;
            }
        }
        return new ClosedState(1, SlidingWindow.of(breaker.context().config));
    }

    private @Nullable SharedState load(BreakerId id) {
        try {
            return store.load(id);
        }
        catch (RuntimeException ex) {
            return null; // the store reports its own faults
        }
    }

    /** Shares a transition this instance made. */
    void publish(CircuitBreaker breaker, BreakerState to, long now) {
        if (!shared) {
            return;
        }
        BreakerOverride override = to.override();
        SharedState state = to instanceof OpenState open
                ? new SharedState(CircuitState.OPEN, open.openUntilMillis, open.failedRecoveries, now)
                : override != null ? new SharedState(to.kind(), override.until() == null ? -1 : override.until().toEpochMilli(),
                        0, override.at().toEpochMilli(), override.reason(), override.by())
                : new SharedState(to.kind(), -1, 0, now);
        try {
            store.publish(instanceId, breaker.id(), state);
        }
        catch (RuntimeException ex) {
            // a store reports its own faults; the breaker goes on with local state
        }
    }

    /** @return whether the store grants a trial permit of the round; {@code true} when it cannot tell */
    boolean tryAcquireTrialPermit(CircuitBreaker breaker, long round, int permitted) {
        if (!shared) {
            return true;
        }
        try {
            return store.tryAcquireTrialPermit(breaker.id(), round, permitted);
        }
        catch (RuntimeException ex) {
            return true;
        }
    }

    void releaseTrialPermit(CircuitBreaker breaker, long round) {
        if (!shared) {
            return;
        }
        try {
            store.releaseTrialPermit(breaker.id(), round);
        }
        catch (RuntimeException ex) {
            // a permit the store cannot release expires there
        }
    }

    /**
     * Applies a transition made by another instance, to the state as time has left it here.
     * Call counts stay local; the state, the open-until time and the backoff follow the other
     * instance. An open period that is already over is ignored: the other instance is
     * half-open by now, as this one is.
     */
    void apply(CircuitBreaker breaker, SharedState state) {
        for (;;) {
            long now = breaker.context().clock.millis();
            if (state.state() == CircuitState.OPEN && state.openUntilMillis() <= now) {
                return;
            }
            BreakerState from = breaker.current(now);
            if (sameAs(from, state)) {
                return;
            }
            BreakerState to = restore(breaker, state, from.period + 1, now, from.counts(now));
            if (to == null || breaker.transitionFromShared(from, to, "changed to " + state.state() + " by another instance", now)) {
                return;
            }
        }
    }

    private static boolean sameAs(BreakerState current, SharedState state) {
        return switch (state.state()) {
            case OPEN -> current instanceof OpenState open && open.openUntilMillis == state.openUntilMillis();
            case HALF_OPEN -> true;
            case FORCED_OPEN, FORCED_CLOSED -> current.kind() == state.state()
                    && java.util.Objects.equals(current.override(), overrideOf(state));
            default -> current.kind() == state.state();
        };
    }

    /** @return the operator's override a shared FORCED state carries */
    private static BreakerOverride overrideOf(SharedState state) {
        return new BreakerOverride(state.state(), state.reason(), state.by(),
                java.time.Instant.ofEpochMilli(state.changedAtMillis()),
                state.openUntilMillis() < 0 ? null : java.time.Instant.ofEpochMilli(state.openUntilMillis()));
    }

    private static @Nullable BreakerState restore(CircuitBreaker breaker, SharedState state, long period, long now,
            WindowCounts counts) {
        return switch (state.state()) {
            case OPEN -> new OpenState(period, Math.min(now, state.openUntilMillis()), state.openUntilMillis(),
                    state.failedRecoveries(), counts);
            case CLOSED -> new ClosedState(period, SlidingWindow.of(breaker.context().config));
            case FORCED_OPEN -> new ForcedOpenState(period, now, counts, overrideOf(state));
            case FORCED_CLOSED -> new ForcedClosedState(period, SlidingWindow.of(breaker.context().config),
                    overrideOf(state));
            case HALF_OPEN -> null;
        };
    }
}
