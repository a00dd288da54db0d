package dev.breaker.core.store;

import org.jspecify.annotations.Nullable;

/** The default store: state lives in the breakers themselves and is shared with no one. */
public final class LocalStateStore implements StateStore {

    /** The only instance. */
    public static final LocalStateStore INSTANCE = new LocalStateStore();

    private LocalStateStore() {
    }

    @Override
    public @Nullable SharedState load(BreakerId id) {
        return null;
    }

    @Override
    public void publish(String instanceId, BreakerId id, SharedState state) {
    }

    @Override
    public void subscribe(String instanceId, SharedStateListener listener) {
    }

    @Override
    public boolean tryAcquireTrialPermit(BreakerId id, long round, int permitted) {
        return true;
    }

    @Override
    public void releaseTrialPermit(BreakerId id, long round) {
    }

    @Override
    public boolean isShared() {
        return false;
    }
}
