package dev.breaker.core;

import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.LocalStateStore;
import dev.breaker.core.store.StateStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A circuit breaker: decides, call by call, whether a protected call may run, and records how
 * it ended.
 *
 * <p>Wrap calls with {@link #get}, {@link #run}, {@link #call}, {@link #execute} or
 * {@link #executeAsync}; or, for a call whose end arrives later, take an {@link AdmittedCall}
 * with {@link #admit()} and tell it how the call ended. A call through a CLOSED breaker and a
 * rejection by an OPEN one take no lock, read no clock and allocate nothing.
 *
 * <p>The breaker holds one state period ({@link BreakerState}) at a time; each period decides
 * its own admissions, outcomes and expiry, and this class swaps periods with one
 * compare-and-set, counts and tells listeners. A breaker made by a
 * {@link CircuitBreakerRegistry} may hold keyed children ({@link #child(String)}), each with its
 * own state and this breaker's configuration.
 */
public final class CircuitBreaker extends LifetimeCounts {

    /** The key of the child that new keys share while every slot holds a child that must be kept. */
    public static final String OVERFLOW_KEY = "(overflow)";

    private static final long NOT_TIMED = Long.MIN_VALUE;
    private static final int RETIRED = Integer.MIN_VALUE;
    private static final VarHandle STATE;
    private static final VarHandle OWN;
    private static final VarHandle CALLS_IN_FLIGHT;
    private static final VarHandle CHILDREN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CircuitBreaker.class, "state", BreakerState.class);
            OWN = lookup.findVarHandle(CircuitBreaker.class, "own", Listeners.class);
            CALLS_IN_FLIGHT = lookup.findVarHandle(CircuitBreaker.class, "callsInFlight", int.class);
            CHILDREN = lookup.findVarHandle(CircuitBreaker.class, "children", KeyedChildren.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String name;
    private final @Nullable String key;
    final BreakerContext context;
    /** The named breaker of a keyed child; {@code null} for a named breaker. */
    private final @Nullable CircuitBreaker parent;
    /** This named breaker's own listeners, chained to the context's; made when the first is added. */
    private volatile @Nullable Listeners own;
    private volatile BreakerState state;
    private volatile @Nullable KeyedChildren children;
    /** A keyed child's last call, for expiry; written at most once a second. */
    volatile long lastAccessMillis;
    /** A keyed child's calls in flight, or {@link #RETIRED} once it has been forgotten. */
    @SuppressWarnings("unused") // through CALLS_IN_FLIGHT
    private volatile int callsInFlight;

    CircuitBreaker(String name, @Nullable String key, BreakerContext context, @Nullable CircuitBreaker parent) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = key;
        this.context = context;
        this.parent = parent;
        long now = context.clock.millis();
        this.lastAccessMillis = now;
        this.state = context.shared.initialState(this, now);
    }

    /**
     * A standalone breaker with the default configuration.
     * @param name the breaker's name
     * @return the breaker
     */
    public static CircuitBreaker of(String name) {
        return builder(name).build();
    }

    /**
     * A standalone breaker.
     * @param name the breaker's name
     * @param config its configuration
     * @return the breaker
     */
    public static CircuitBreaker of(String name, CircuitBreakerConfig config) {
        return builder(name).config(config).build();
    }

    /**
     * A builder for a standalone breaker; use a {@link CircuitBreakerRegistry} to manage many.
     * @param name the breaker's name
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the breaker's name */
    public String name() {
        return name;
    }

    /** @return the key of a keyed child, or {@code null} for a named breaker */
    public @Nullable String key() {
        return key;
    }

    /** @return the configuration */
    public CircuitBreakerConfig config() {
        return context.config;
    }

    /** @return the clock this breaker reads time from */
    public BreakerClock clock() {
        return context.clock;
    }

    /** @return the breaker's name and key as a store names it */
    public BreakerId id() {
        return new BreakerId(name, key);
    }

    /**
     * Adds a listener for the transitions and outcomes of this named breaker and of its keyed
     * children. Called on a keyed child, it adds the listener to the child's named breaker.
     * Other breakers of the same registry are not heard; use
     * {@link CircuitBreakerRegistry#addListener} for all of them.
     * @param listener the listener
     */
    public void addListener(CircuitBreakerListener listener) {
        CircuitBreaker named = parent == null ? this : parent;
        Listeners listeners = named.own;
        if (listeners == null) {
            Listeners fresh = new Listeners(context.listeners);
            Listeners witness = (Listeners) OWN.compareAndExchange(named, (Listeners) null, fresh);
            listeners = witness == null ? fresh : witness;
        }
        listeners.add(listener);
    }

    /** @return the listeners this breaker's events go to: its named breaker's own, then the context's */
    private Listeners listeners() {
        Listeners listeners = (parent == null ? this : parent).own;
        return listeners != null ? listeners : context.listeners;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The current state, time-aware: an OPEN breaker whose retry time has passed reads
     * HALF_OPEN, and a HALF_OPEN breaker undecided past its max wait reads OPEN.
     * @return the state now
     */
    public CircuitState state() {
        return current(context.clock.millis()).kind();
    }

    /** @return when the next trial call is admitted, or {@code null} unless OPEN */
    public @Nullable Instant nextRetryAt() {
        return instant(current(context.clock.millis()).retryAtMillis());
    }

    /** @return how long until the next trial call; zero unless OPEN */
    public Duration retryAfter() {
        long now = context.clock.millis();
        return until(current(now).retryAtMillis(), now);
    }

    /** @return one consistent reading of the state, window and lifetime counts */
    public CircuitBreakerStats stats() {
        long now = context.clock.millis();
        BreakerState s = current(now);
        WindowCounts window = s.counts(now);
        RareCounters r = rareOrNone();
        long success = successes();
        long failure = r.get(RareCounters.FAILURES);
        long ignored = r.get(RareCounters.IGNORED);
        return new CircuitBreakerStats(s.kind(), instant(s.retryAtMillis()), until(s.retryAtMillis(), now),
                window.total(), window.failures(), window.slow(),
                window.failureRate(), window.slowCallRate(), window.healthScore(),
                success + failure + ignored, success, failure, ignored,
                r.get(RareCounters.REJECTIONS), r.get(RareCounters.TIMEOUTS), r.get(RareCounters.SLOW_CALLS),
                consecutiveFailures(), consecutiveSuccesses(),
                instant(r.get(RareCounters.LAST_FAILURE_AT)), instant(lastSuccessAt()),
                r.get(RareCounters.OPENS), r.get(RareCounters.SUCCESSFUL_RECOVERIES),
                r.get(RareCounters.FAILED_RECOVERIES),
                Duration.ofMillis(r.get(RareCounters.TIME_IN_OPEN) + s.openMillis(now)));
    }

    private static @Nullable Instant instant(long millis) {
        return millis == Millis.NONE ? null : Instant.ofEpochMilli(millis);
    }

    private static Duration until(long millis, long now) {
        return millis == Millis.NONE ? Duration.ZERO : Duration.ofMillis(Math.max(0, millis - now));
    }

    /** The period at the given time, after making the transitions that time alone decides. */
    BreakerState current(long now) {
        for (;;) {
            BreakerState s = state;
            BreakerState.DueTransition due = s.dueBy(now, this);
            if (due == null) {
                return s;
            }
            transition(s, due.to(), due.reason(), due.detail(), due.atMillis());
        }
    }

    // ---------------------------------------------------------------- admission and outcomes

    /**
     * Asks to run one call whose end will arrive later, perhaps from several sides at once: the
     * returned call records exactly one outcome, whichever side reports first.
     * @return the admitted call
     * @throws CircuitOpenException if the call is rejected
     */
    public AdmittedCall admit() {
        CircuitBreaker breaker = entered();
        return new AdmittedCall(breaker, breaker.acquire());
    }

    /**
     * The breaker a call goes through: this one; for a keyed child forgotten since it was looked
     * up, the child now in its place. A keyed child is forgotten only with no call in flight, so
     * that no outcome is lost to eviction.
     */
    private CircuitBreaker entered() {
        if (parent == null) {
            return this;
        }
        CircuitBreaker child = this;
        while (!child.enter()) {
            child = parent.child(Objects.requireNonNull(key));
        }
        return child;
    }

    private boolean enter() {
        for (;;) {
            int calls = callsInFlight;
            if (calls == RETIRED) {
                return false;
            }
            if (CALLS_IN_FLIGHT.compareAndSet(this, calls, calls + 1)) {
                return true;
            }
        }
    }

    /** @return whether this keyed child had no call in flight and is now retired for good */
    boolean retire() {
        return CALLS_IN_FLIGHT.compareAndSet(this, 0, RETIRED);
    }

    /** @return the period that admitted the call; a keyed child's call must have {@link #entered()} first */
    long acquire() {
        BreakerState s = state;
        if (s instanceof ClosedState) {
            return s.period;
        }
        try {
            return s.admit(this);
        }
        catch (CircuitOpenException ex) {
            if (parent != null) {
                CALLS_IN_FLIGHT.getAndAdd(this, -1);
            }
            throw ex;
        }
    }

    CircuitOpenException reject(CircuitOpenException exception) {
        rare().add(RareCounters.REJECTIONS, 1);
        Listeners listeners = listeners();
        if (!listeners.isEmpty()) {
            listeners.outcome(this, CallOutcome.REJECTED, 0, exception);
        }
        return exception;
    }

    /**
     * Records a call that threw, as the configuration classifies it. A rejection thrown from
     * inside the call comes from another breaker guarding its downstream: a failure here.
     */
    void recordError(long period, long durationNanos, Throwable error) {
        CallOutcome outcome = context.config.classify(error);
        record(period, outcome == CallOutcome.REJECTED ? CallOutcome.FAILURE : outcome, durationNanos, error);
    }

    /**
     * Records the outcome of a call admitted in {@code period}. The CLOSED path reads the
     * clock's tick; other periods read the clock, so that a trial ending past
     * {@code half-open.max-wait} ends after its period did.
     */
    void record(long period, CallOutcome outcome, long durationNanos, @Nullable Throwable error) {
        long now = context.clock.tickMillis();
        boolean failure = outcome == CallOutcome.FAILURE || outcome == CallOutcome.TIMEOUT;
        boolean slow = context.slowNanos > 0 && durationNanos > context.slowNanos;
        countLifetime(outcome, failure, slow, now);
        BreakerState s = state;
        if (!(s instanceof ClosedState)) {
            now = context.clock.millis();
            s = current(now);
        }
        if (s.period == period) {
            if (outcome != CallOutcome.IGNORED) {
                countConsecutive(failure);
            }
            s.onOutcome(this, outcome, failure, slow, now);
        }
        else if (outcome == CallOutcome.SUCCESS) {
            countLateSuccess();
        }
        if (parent != null) {
            CALLS_IN_FLIGHT.getAndAdd(this, -1);
        }
        Listeners listeners = listeners();
        if (!listeners.isEmpty()) {
            listeners.outcome(this, outcome, durationNanos, error);
        }
    }

    // ---------------------------------------------------------------- transitions

    /** Moves from one period to the next, once however many threads race; shares it unless time alone made it. */
    boolean transition(BreakerState from, BreakerState to, TransitionReason reason, String detail, long at) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        transitioned(from, to, reason, detail, at);
        if (reason != TransitionReason.WAIT_ELAPSED) {
            context.shared.publish(this, to, at);
        }
        return true;
    }

    /** Moves to a period another instance entered; not shared back. */
    boolean transitionFromShared(BreakerState from, BreakerState to, String detail, long at) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        transitioned(from, to, TransitionReason.SHARED_STATE, detail, at);
        return true;
    }

    private void transitioned(BreakerState from, BreakerState to, TransitionReason reason, String detail, long at) {
        RareCounters r = rare();
        r.add(RareCounters.TIME_IN_OPEN, from.openMillis(at));
        if (to.kind() == CircuitState.OPEN) {
            if (!(from.kind() == CircuitState.OPEN && at < from.retryAtMillis())) {
                r.add(RareCounters.OPENS, 1); // following another instance's open period is no new opening
            }
            if (from.kind() == CircuitState.HALF_OPEN) {
                r.add(RareCounters.FAILED_RECOVERIES, 1);
            }
        }
        else if (reason == TransitionReason.TRIAL_SUCCEEDED) { // an operator's reset is no recovery
            r.add(RareCounters.SUCCESSFUL_RECOVERIES, 1);
        }
        Listeners listeners = listeners();
        if (!listeners.isEmpty()) {
            listeners.transition(new StateTransition(name, key, from.kind(), to.kind(), reason, detail,
                    Instant.ofEpochMilli(at), instant(to.retryAtMillis())));
        }
    }

    /**
     * Moves to the state of an operator's action. An action that leaves the state as it is
     * makes no transition; a reset of a CLOSED breaker still empties its window.
     */
    private void operate(CircuitState target, TransitionReason reason, String detail) {
        for (;;) {
            long now = context.clock.millis();
            BreakerState from = current(now); // an OPEN breaker past its retry time is left from HALF_OPEN
            long period = from.period + 1;
            BreakerState to = switch (target) {
                case CLOSED -> new ClosedState(period, SlidingWindow.of(context.config));
                case FORCED_OPEN -> new ForcedOpenState(period, now, from.counts(now));
                default -> new ForcedClosedState(period, SlidingWindow.of(context.config));
            };
            boolean same = from.kind() == target;
            if (same && target != CircuitState.CLOSED) {
                return;
            }
            if (same ? STATE.compareAndSet(this, from, to) : transition(from, to, reason, detail, now)) {
                if (target == CircuitState.CLOSED) {
                    clearConsecutive();
                }
                return;
            }
        }
    }

    /** Returns the breaker to CLOSED with an empty window and no backoff; lifetime statistics stay. */
    public void reset() {
        operate(CircuitState.CLOSED, TransitionReason.RESET, "reset by an operator");
    }

    /** Opens the breaker until it is reset: every call is rejected. */
    public void forceOpen() {
        operate(CircuitState.FORCED_OPEN, TransitionReason.FORCED_OPEN, "forced open by an operator");
    }

    /** Closes the breaker until it is reset: every call runs and is counted, and it never trips. */
    public void forceClose() {
        operate(CircuitState.FORCED_CLOSED, TransitionReason.FORCED_CLOSED, "forced closed by an operator");
    }

    // ---------------------------------------------------------------- protected calls

    /**
     * Runs a call through the breaker.
     * @param <T> the result type
     * @param supplier the call
     * @return its result
     * @throws CircuitOpenException if the breaker rejects the call
     * @throws CallTimeoutException if the call runs past the call timeout
     */
    public <T> T get(Supplier<T> supplier) {
        if (context.config.callTimeout() != null) {
            return Unchecked.get(() -> executeTimed(supplier::get));
        }
        CircuitBreaker breaker = entered();
        long period = breaker.acquire();
        long start = breaker.startTimer();
        T result;
        try {
            result = supplier.get();
        }
        catch (Throwable ex) {
            breaker.recordError(period, breaker.elapsedSince(start), ex);
            throw ex;
        }
        breaker.record(period, CallOutcome.SUCCESS, breaker.elapsedSince(start), null);
        return result;
    }

    /**
     * Runs a call through the breaker.
     * @param runnable the call
     * @throws CircuitOpenException if the breaker rejects the call
     * @throws CallTimeoutException if the call runs past the call timeout
     */
    public void run(Runnable runnable) {
        get(() -> {
            runnable.run();
            return null;
        });
    }

    /**
     * Runs a call that may throw checked exceptions through the breaker.
     * @param <T> the result type
     * @param callable the call
     * @return its result
     * @throws Exception what the call throws, or {@link CircuitOpenException}, {@link CallTimeoutException}
     */
    public <T> T call(Callable<T> callable) throws Exception {
        try {
            return execute(callable::call);
        }
        catch (Exception | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Runs a call that may throw anything, such as a proxied method invocation.
     * @param <T> the result type
     * @param call the call
     * @return its result
     * @throws Throwable what the call throws, or {@link CircuitOpenException}, {@link CallTimeoutException}
     */
    public <T> T execute(CheckedSupplier<T> call) throws Throwable {
        if (context.config.callTimeout() != null) {
            return executeTimed(call);
        }
        CircuitBreaker breaker = entered();
        long period = breaker.acquire();
        long start = breaker.startTimer();
        T result;
        try {
            result = call.get();
        }
        catch (Throwable ex) {
            breaker.recordError(period, breaker.elapsedSince(start), ex);
            throw ex;
        }
        breaker.record(period, CallOutcome.SUCCESS, breaker.elapsedSince(start), null);
        return result;
    }

    @SuppressWarnings("unchecked")
    private <T> T executeTimed(CheckedSupplier<T> call) throws Throwable {
        CircuitBreaker breaker = entered();
        long period = breaker.acquire();
        long start = context.clock.nanoTime();
        Duration timeout = Objects.requireNonNull(context.config.callTimeout());
        Object result;
        try {
            result = context.timeouts.call(call, timeout);
        }
        catch (Throwable ex) {
            breaker.recordError(period, breaker.elapsedSince(start), ex);
            throw ex;
        }
        if (result == CallTimeouts.CALLER_INTERRUPTED) {
            // the caller gave up, not the downstream: a cancellation, counted neither way
            breaker.record(period, CallOutcome.IGNORED, breaker.elapsedSince(start), null);
            throw new InterruptedException("Interrupted while waiting for a call through circuit breaker '" + name
                    + "'");
        }
        if (result == CallTimeouts.TIMED_OUT) {
            breaker.record(period, CallOutcome.TIMEOUT, breaker.elapsedSince(start), null);
            throw new CallTimeoutException(name, timeout);
        }
        breaker.record(period, CallOutcome.SUCCESS, breaker.elapsedSince(start), null);
        return (T) result;
    }

    /**
     * Runs an asynchronous call through the breaker: its outcome is recorded when the stage
     * completes, a cancelled stage counts as ignored, and with a call timeout the result fails
     * with {@link CallTimeoutException} (and the call's own future is cancelled) when it runs
     * past it. A rejection is returned as a failed stage.
     * @param <T> the result type
     * @param call starts the call
     * @return a stage that completes as the call does
     */
    public <T> CompletionStage<T> executeAsync(Supplier<? extends CompletionStage<T>> call) {
        return AsyncCall.execute(this, call, context.config.callTimeout(), context.timeouts);
    }

    /** Reads the clock only when a duration is needed: for slow calls or listeners. */
    private long startTimer() {
        return context.slowNanos > 0 || !listeners().isEmpty() ? context.clock.nanoTime() : NOT_TIMED;
    }

    private long elapsedSince(long start) {
        return start == NOT_TIMED ? 0 : Math.max(0, context.clock.nanoTime() - start);
    }

    // ---------------------------------------------------------------- keyed children

    /**
     * The keyed child for a key, created on demand with this breaker's configuration. At most
     * {@code keys.max-keys} children live at once: idle and then least recently used children
     * make room, while one that is OPEN or HALF_OPEN is kept until its retry time has passed
     * and it has then been idle for {@code keys.idle-expiry} (a FORCED_OPEN one until an
     * operator releases it). When every slot holds a child that must be kept, new keys share one
     * overflow child ({@link #OVERFLOW_KEY}); a keyed call never goes through this breaker itself.
     * @param key the key, such as a user id
     * @return the child
     */
    public CircuitBreaker child(String key) {
        Objects.requireNonNull(key, "key");
        return keyedChildren().get(key);
    }

    private KeyedChildren keyedChildren() {
        if (this.key != null) {
            throw new IllegalStateException("A keyed child cannot hold children of its own");
        }
        KeyedChildren keyed = children;
        if (keyed == null) {
            KeyedChildren fresh = new KeyedChildren(this, context);
            KeyedChildren witness = (KeyedChildren) CHILDREN.compareAndExchange(this, (KeyedChildren) null, fresh);
            keyed = witness == null ? fresh : witness;
        }
        return keyed;
    }

    /**
     * The keyed child for a key, without creating it.
     * @param key the key
     * @return the child, or empty when there is none
     */
    public Optional<CircuitBreaker> findChild(String key) {
        KeyedChildren keyed = children;
        return keyed == null ? Optional.empty() : Optional.ofNullable(keyed.find(key));
    }

    /** @return the child that new keys share while every slot is held, once there has been one */
    public Optional<CircuitBreaker> overflowChild() {
        KeyedChildren keyed = children;
        return keyed == null ? Optional.empty() : Optional.ofNullable(keyed.overflowChild());
    }

    /** @return the live keyed children, without the overflow child */
    public Collection<CircuitBreaker> children() {
        KeyedChildren keyed = children;
        return keyed == null ? List.of() : keyed.all();
    }

    /** @return how many keyed children are live, without the overflow child */
    public int childCount() {
        KeyedChildren keyed = children;
        return keyed == null ? 0 : keyed.size();
    }

    /**
     * Forgets keyed children idle for longer than {@code keys.idle-expiry} that hold no traffic
     * back (see {@link #child(String)}). Runs by itself as children are created; call it to
     * reclaim memory on a schedule.
     * @return how many children were forgotten
     */
    public int evictIdleChildren() {
        KeyedChildren keyed = children;
        return keyed == null ? 0 : keyed.evictIdle(context.clock.millis());
    }

    /** Makes a keyed child that shares this breaker's configuration, clock, store and listeners. */
    CircuitBreaker newChild(String childKey) {
        return new CircuitBreaker(name, childKey, context, this);
    }

    /** @return whether forgetting this keyed child now would let through calls it would reject */
    boolean holdsTraffic(long now, long idleMillis) {
        return state.holdsTraffic(now, lastAccessMillis, idleMillis);
    }

    /** Describes the breaker as time has left it, without changing it. */
    @Override
    public String toString() {
        return "CircuitBreaker[" + (key == null ? name : name + "[" + key + "]") + ", "
                + state.kindAt(context.clock.millis(), this) + "]";
    }

    // ---------------------------------------------------------------- building

    /** Builds a standalone {@link CircuitBreaker}, wired as a registry wires its breakers. */
    public static final class Builder {

        private final String name;
        private CircuitBreakerConfig config = CircuitBreakerConfig.defaults();
        private BreakerClock clock = BreakerClock.system();
        private StateStore store = LocalStateStore.INSTANCE;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private @Nullable String instanceId;
        private CallTimeouts timeouts = CallTimeouts.shared();
        private @Nullable Listeners listeners;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @param config the configuration @return this builder */
        public Builder config(CircuitBreakerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @param clock the clock, a {@link ManualClock} in tests @return this builder */
        public Builder clock(BreakerClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param listener a listener for transitions and outcomes @return this builder */
        public Builder listener(CircuitBreakerListener listener) {
            if (listeners == null) {
                listeners = new Listeners(null);
            }
            listeners.add(listener);
            return this;
        }

        /**
         * The store the breaker shares its state through; it subscribes to other instances'
         * transitions as a registry's breakers do.
         * @param store where the state is shared
         * @return this builder
         */
        public Builder stateStore(StateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @param instanceId names this instance in the state store (a random one by default) @return this builder */
        public Builder instanceId(String instanceId) {
            this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
            return this;
        }

        /** @param random the source of jitter, values in [0, 1) @return this builder */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Where calls run under {@code call-timeout}, and where asynchronous calls' timeouts are
         * scheduled; left to the caller to shut down. By default, daemon threads shared by every
         * standalone breaker.
         * @param runner runs timed calls
         * @param scheduler schedules timeouts
         * @return this builder
         */
        public Builder callTimeoutExecutors(ExecutorService runner, ScheduledExecutorService scheduler) {
            this.timeouts = CallTimeouts.of(Objects.requireNonNull(runner, "runner"),
                    Objects.requireNonNull(scheduler, "scheduler"));
            return this;
        }

        /** @return the breaker */
        public CircuitBreaker build() {
            String id = instanceId != null ? instanceId : store.isShared() ? UUID.randomUUID().toString() : "local";
            Wiring wiring = Wiring.of(clock, listeners != null ? listeners : Listeners.NONE, store, id, random,
                    timeouts);
            CircuitBreaker breaker = new CircuitBreaker(name, null, new BreakerContext(config, wiring), null);
            wiring.shared().subscribe(breakerName -> breakerName.equals(name) ? breaker : null);
            return breaker;
        }
    }
}
