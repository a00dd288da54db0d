package dev.breaker.core.store;

import org.jspecify.annotations.Nullable;

/**
 * Where breakers' states live beyond one instance. A registry calls it on the paths that are
 * not hot: when a breaker is created ({@link #load}), after each transition ({@link #publish}),
 * and for half-open trial permits ({@link #tryAcquireTrialPermit}). A call through a CLOSED
 * breaker never reaches the store.
 *
 * <p>An implementation must not throw from these methods into a call: when its backend is
 * unreachable it answers from what it has ({@code null}, {@code true}) and says so once.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Reads the shared state of a breaker being created.
     * @param id the breaker
     * @return its shared state, or {@code null} when none is stored or the store is unreachable
     */
    @Nullable SharedState load(BreakerId id);

    /**
     * Shares a transition made by this instance.
     * @param instanceId the publishing instance, so that it does not receive its own change back
     * @param id the breaker
     * @param state the state it entered
     */
    void publish(String instanceId, BreakerId id, SharedState state);

    /**
     * Registers an instance for transitions made by other instances.
     * @param instanceId the subscribing instance
     * @param listener receives the other instances' transitions
     */
    void subscribe(String instanceId, SharedStateListener listener);

    /**
     * Takes one of the cluster-wide trial permits of a half-open round.
     * @param id the breaker
     * @param round names the round: the open-until time that began it, equal on every instance
     * @param permitted how many trial calls may run at once across all instances
     * @return whether a permit was taken; {@code true} when the store cannot tell
     */
    boolean tryAcquireTrialPermit(BreakerId id, long round, int permitted);

    /**
     * Gives back a permit taken with {@link #tryAcquireTrialPermit}.
     * @param id the breaker
     * @param round the round the permit belongs to
     */
    void releaseTrialPermit(BreakerId id, long round);

    /**
     * Tells how far a breaker is from opening for all instances; an operator's view, not for the
     * hot path (it may ask the backend).
     * @param id the breaker
     * @return the instances that tripped it against the quorum, or {@code null} for a store that
     *         has no open quorum
     */
    default @Nullable OpenQuorum openQuorum(BreakerId id) {
        return null;
    }

    /** @return whether other instances share this store, so that trial permits must be asked for */
    default boolean isShared() {
        return true;
    }

    /** Releases the store's resources. */
    @Override
    default void close() {
    }

    /** Receives transitions made by other instances. */
    @FunctionalInterface
    interface SharedStateListener {

        /**
         * Called when another instance changed a breaker's state.
         * @param id the breaker
         * @param state the state it entered
         */
        void onSharedState(BreakerId id, SharedState state);
    }
}
