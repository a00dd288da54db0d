package dev.breaker.core;

import dev.breaker.core.store.LocalStateStore;
import dev.breaker.core.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CircuitBreakerRegistry.Builder} and a standalone {@link CircuitBreaker.Builder}
 * both set: the clock, the state store, jitter, listeners and the call-timeout executors. Both
 * wire their breakers from these the same way, so a standalone breaker on a shared store shares
 * its state exactly as a registry's breaker does.
 *
 * @param <B> the builder itself
 */
public abstract class WiringBuilder<B extends WiringBuilder<B>> {

    private BreakerClock clock = BreakerClock.system();
    private StateStore store = LocalStateStore.INSTANCE;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private @Nullable String instanceId;
    private @Nullable CallTimeouts timeouts;
    private final List<CircuitBreakerListener> listeners = new ArrayList<>();
    private final List<RetryAfterExtractor> retryAfterExtractors = new ArrayList<>();

    WiringBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** @param clock the clock, a {@link ManualClock} in tests @return this builder */
    public B clock(BreakerClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * The store breakers share their state through; they load it when created, publish their
     * transitions and follow other instances'.
     * @param store where state is shared across instances
     * @return this builder
     */
    public B stateStore(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return self();
    }

    /** @param random the source of jitter, values in [0, 1) @return this builder */
    public B random(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
        return self();
    }

    /** @param instanceId names this instance in the state store (a random one by default) @return this builder */
    public B instanceId(String instanceId) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        return self();
    }

    /** @param listener a listener for the transitions and outcomes of every breaker built @return this builder */
    public B listener(CircuitBreakerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * Reads retry hints from failures, such as an HTTP 429's {@code Retry-After}: the open wait
     * that follows is at least the hint. Extractors are asked in the order added; the first
     * hint counts.
     * @param extractor the extractor
     * @return this builder
     */
    public B retryAfterExtractor(RetryAfterExtractor extractor) {
        retryAfterExtractors.add(Objects.requireNonNull(extractor, "extractor"));
        return self();
    }

    /**
     * Where calls run under {@code call-timeout}, and where asynchronous calls' timeouts are
     * scheduled; left to the caller to shut down. By default a registry makes daemon threads on
     * first need and shuts them down when it is closed; standalone breakers share daemon threads.
     * @param runner runs timed calls
     * @param scheduler schedules timeouts
     * @return this builder
     */
    public B callTimeoutExecutors(ExecutorService runner, ScheduledExecutorService scheduler) {
        this.timeouts = CallTimeouts.of(Objects.requireNonNull(runner, "runner"),
                Objects.requireNonNull(scheduler, "scheduler"));
        return self();
    }

    /**
     * @param listenersGrow whether listeners may be added later, so that the wiring needs a list of its own
     * @param defaultTimeouts the call-timeout executors unless some were given
     * @return the wiring of the breakers to build
     */
    final Wiring wiring(boolean listenersGrow, CallTimeouts defaultTimeouts) {
        Listeners wired = listenersGrow || !listeners.isEmpty() ? new Listeners(null) : Listeners.NONE;
        listeners.forEach(wired::add);
        String id = instanceId != null ? instanceId : store.isShared() ? UUID.randomUUID().toString() : "local";
        return Wiring.of(clock, wired, store, id, random, timeouts != null ? timeouts : defaultTimeouts,
                retryAfterExtractors);
    }
}
