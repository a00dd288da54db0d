package dev.breaker.redis;

import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import dev.breaker.core.store.StateStore.SharedStateListener;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The instances subscribed to a store, and the one thread that hands them shared states in the
 * order they came, away from Lettuce's I/O threads. What it hands on is recorded as held.
 */
final class Subscribers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            RedisStateStore.daemon("breaker-redis-transitions"));
    private final String channel;
    private final HeldStates held;

    /** @param channel names the channel in log messages */
    Subscribers(String channel, HeldStates held) {
        this.channel = channel;
        this.held = held;
    }

    void add(String instanceId, SharedStateListener listener) {
        subscribers.add(new Subscriber(instanceId, listener));
    }

    /** A message from the channel: every instance but the sender applies it. */
    void onMessage(String text) {
        dispatch(() -> {
            SharedStateFormat.Message message;
            try {
                message = SharedStateFormat.parseMessage(text);
            }
            catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Ignoring an unreadable message on Redis channel {0}: {1}", channel,
                        ex.getMessage());
                return;
            }
            for (Subscriber subscriber : subscribers) {
                if (!subscriber.instanceId().equals(message.instanceId())) {
                    apply(subscriber, message.id(), message.state());
                }
            }
        });
    }

    /** Another instance opened the breaker first: the instance that lost follows its open period. */
    void adopt(String instanceId, BreakerId id, SharedState state) {
        dispatch(() -> {
            for (Subscriber subscriber : subscribers) {
                if (subscriber.instanceId().equals(instanceId)) {
                    apply(subscriber, id, state);
                }
            }
        });
    }

    /** What Redis holds, found by the reconciliation: every instance applies it. */
    void reconcile(BreakerId id, SharedState state) {
        dispatch(() -> {
            for (Subscriber subscriber : subscribers) {
                apply(subscriber, id, state);
            }
        });
    }

    private void apply(Subscriber subscriber, BreakerId id, SharedState state) {
        held.applied(subscriber.instanceId(), id, state);
        try {
            subscriber.listener().onSharedState(id, state);
        }
        catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Applying a shared transition of " + id + " failed", ex);
        }
    }

    private void dispatch(Runnable task) {
        try {
            thread.execute(task);
        }
        catch (RejectedExecutionException ex) {
            // the store is closing
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }

    private record Subscriber(String instanceId, SharedStateListener listener) {
    }
}
