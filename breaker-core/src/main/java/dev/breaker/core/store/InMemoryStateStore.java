package dev.breaker.core.store;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A store shared by the registries of one JVM: it behaves as a networked store would (state
 * survives a registry, transitions reach the other registries, trial permits are counted across
 * them), with delivery that is immediate and in order. Useful for several registries in one
 * process and for testing the shared-state behaviour without a server.
 */
public final class InMemoryStateStore implements StateStore {

    private final Map<BreakerId, SharedState> states = new ConcurrentHashMap<>();
    private final Map<Round, AtomicInteger> permits = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public @Nullable SharedState load(BreakerId id) {
        return states.get(id);
    }

    @Override
    public void publish(String instanceId, BreakerId id, SharedState state) {
        states.put(id, state);
        permits.keySet().removeIf(round -> round.id().equals(id) && round.round() != state.openUntilMillis());
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.instanceId().equals(instanceId)) {
                subscriber.listener().onSharedState(id, state);
            }
        }
    }

    @Override
    public void subscribe(String instanceId, SharedStateListener listener) {
        subscribers.add(new Subscriber(Objects.requireNonNull(instanceId), Objects.requireNonNull(listener)));
    }

    @Override
    public boolean tryAcquireTrialPermit(BreakerId id, long round, int permitted) {
        AtomicInteger taken = permits.computeIfAbsent(new Round(id, round), r -> new AtomicInteger());
        for (;;) {
            int current = taken.get();
            if (current >= permitted) {
                return false;
            }
            if (taken.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    @Override
    public void releaseTrialPermit(BreakerId id, long round) {
        AtomicInteger taken = permits.get(new Round(id, round));
        if (taken != null) {
            taken.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    private record Round(BreakerId id, long round) {
    }

    private record Subscriber(String instanceId, SharedStateListener listener) {
    }
}
