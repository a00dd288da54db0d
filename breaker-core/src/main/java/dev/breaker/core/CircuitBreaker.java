package dev.breaker.core;

import dev.breaker.core.store.BreakerId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
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
public final class CircuitBreaker extends BreakerFamily {

    /** The key of the child that new keys share while every slot holds a child that must be kept. */
    public static final String OVERFLOW_KEY = "(overflow)";

    /** The period of a call a breaker in shadow mode runs although it rejects it: no period's number. */
    private static final long SHADOW_REJECTED = -1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CircuitBreaker.class, "state", BreakerState.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String name;
    private final @Nullable String key;
    private volatile BreakerState state;

    CircuitBreaker(String name, @Nullable String key, BreakerContext context, @Nullable CircuitBreaker parent) {
        super(context, parent);
        this.name = Objects.requireNonNull(name, "name");
        this.key = key;
        this.state = context().shared.initialState(this, context().clock.millis());
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
    @Override
    public @Nullable String key() {
        return key;
    }

    /** @return the configuration */
    public CircuitBreakerConfig config() {
        return context().config;
    }

    /** @return the clock this breaker reads time from */
    public BreakerClock clock() {
        return context().clock;
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
        addOwnListener(listener);
    }

    // ---------------------------------------------------------------- reading

    /**
     * The current state, time-aware: an OPEN breaker whose retry time has passed reads
     * HALF_OPEN, and a HALF_OPEN breaker undecided past its max wait reads OPEN.
     * @return the state now
     */
    public CircuitState state() {
        return current(context().clock.millis()).kind();
    }

    /** @return when the next trial call is admitted, or {@code null} unless OPEN */
    public @Nullable Instant nextRetryAt() {
        return instant(current(context().clock.millis()).retryAtMillis());
    }

    /** @return how long until the next trial call; zero unless OPEN */
    public Duration retryAfter() {
        long now = context().clock.millis();
        return until(current(now).retryAtMillis(), now);
    }

    /** @return one consistent reading of the state, window and lifetime counts */
    public CircuitBreakerStats stats() {
        long now = context().clock.millis();
        return CircuitBreakerStats.of(this, current(now), now);
    }

    static @Nullable Instant instant(long millis) {
        return millis == Millis.NONE ? null : Instant.ofEpochMilli(millis);
    }

    static Duration until(long millis, long now) {
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
            if (shadows(ex)) {
                return SHADOW_REJECTED;
            }
            exited();
            throw ex;
        }
    }

    /** @return whether this breaker, in shadow mode, runs a call it rejects; an operator's FORCED_OPEN is enforced */
    private boolean shadows(CircuitOpenException rejection) {
        return context().config.mode() == BreakerMode.SHADOW && rejection.getState() != CircuitState.FORCED_OPEN;
    }

    CircuitOpenException reject(CircuitOpenException exception) {
        if (shadows(exception)) {
            return exception; // the call runs, and is counted as a shadow rejection when it ends
        }
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
        CallOutcome outcome = context().config.classify(error);
        record(period, outcome == CallOutcome.REJECTED ? CallOutcome.FAILURE : outcome, durationNanos, error);
    }

    /**
     * Records the outcome of a call admitted in {@code period}. The CLOSED path reads the
     * clock's tick; other periods read the clock, so that a trial ending past
     * {@code half-open.max-wait} ends after its period did.
     */
    void record(long period, CallOutcome outcome, long durationNanos, @Nullable Throwable error) {
        BreakerContext context = context();
        if (period == SHADOW_REJECTED) {
            recordShadowRejected(durationNanos, error);
            return;
        }
        long now = context.clock.tickMillis();
        boolean failure = outcome == CallOutcome.FAILURE || outcome == CallOutcome.TIMEOUT;
        if (failure && error != null && context.config.retryAfterHonoured()) {
            noteRetryHint(context, error, now);
        }
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
        exited();
        Listeners listeners = listeners();
        if (!listeners.isEmpty()) {
            listeners.outcome(this, outcome, durationNanos, error);
        }
    }

    /** A call that shadow mode ran although it would have been rejected: counted apart, as enforcing counts a rejection. */
    private void recordShadowRejected(long durationNanos, @Nullable Throwable error) {
        rare().add(RareCounters.SHADOW_REJECTIONS, 1);
        exited();
        Listeners listeners = listeners();
        if (!listeners.isEmpty()) {
            listeners.outcome(this, CallOutcome.SHADOW_REJECTED, durationNanos, error);
        }
    }

    /** Keeps until when the downstream asked callers to wait, from a failure's retry hint, capped at the longest wait. */
    private void noteRetryHint(BreakerContext context, Throwable error, long now) {
        Duration hint = context.retryHint(error);
        if (hint != null && !hint.isNegative()) {
            Duration longest = context.config.backoffMaxWait();
            long capped = (hint.compareTo(longest) > 0 ? longest : hint).toMillis(); // no overflow, whatever the hint
            rare().raise(RareCounters.RETRY_HINT_UNTIL, Millis.plus(now, capped));
        }
    }

    /** @return until when the downstream asked callers to wait, when that is still ahead of {@code now}; else {@link Millis#NONE} */
    long retryHintUntil(long now) {
        long until = rareOrNone().get(RareCounters.RETRY_HINT_UNTIL);
        return until > now ? until : Millis.NONE;
    }

    // ---------------------------------------------------------------- transitions

    /** Moves from one period to the next, once however many threads race; shares it unless time alone made it. */
    boolean transition(BreakerState from, BreakerState to, TransitionReason reason, String detail, long at) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        transitioned(from, to, reason, detail, at);
        if (reason != TransitionReason.WAIT_ELAPSED) {
            context().shared.publish(this, to, at);
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
        RareCounters rare = rare();
        rare.countTransition(from, to, reason, at);
        StateTransition transition = new StateTransition(name, key, from.kind(), to.kind(), reason, detail,
                Instant.ofEpochMilli(at), instant(to.retryAtMillis()));
        rare.remember(transition);
        Listeners listeners = listeners();
        if (!listeners.isEmpty()) {
            listeners.transition(transition);
        }
    }

    /** @return the latest transitions of this breaker (at most 20), newest first: why it opened, and since */
    public List<StateTransition> lastTransitions() {
        return rareOrNone().history();
    }


    /**
     * Takes a new configuration for this named breaker and its keyed children at once; see
     * {@link Reconfiguration}.
     */
    void reconfigure(BreakerContext next) {
        Reconfiguration.apply(this, next);
    }

    /**
     * Starts a new period of the same state, such as an emptied window or a changed override:
     * no transition, no listener, nothing shared.
     * @return whether no other thread changed the period first
     */
    boolean replaceQuietly(BreakerState from, BreakerState to) {
        return STATE.compareAndSet(this, from, to);
    }

    /** @return when a change of window type or size last started this breaker's window empty, or {@code null} */
    public @Nullable Instant windowResetAt() {
        return instant(rareOrNone().get(RareCounters.WINDOW_RESET_AT));
    }

    /** Returns the breaker to CLOSED with an empty window and no backoff; lifetime statistics stay. */
    public void reset() {
        OperatorActions.operate(this, CircuitState.CLOSED, TransitionReason.RESET, null);
    }

    /** Opens the breaker until it is reset: every call is rejected. */
    public void forceOpen() {
        forceOpen(null, null, null);
    }

    /**
     * Opens the breaker, for a while or until it is reset: every call is rejected, whatever the
     * breaker's mode. When the duration runs out, the breaker returns to CLOSED as after a reset.
     * Forcing a FORCED_OPEN breaker open again with another duration or reason replaces the
     * override without a transition.
     * @param duration how long, or {@code null} until an operator releases it
     * @param reason why, or {@code null}
     * @param by who, or {@code null}
     */
    public void forceOpen(@Nullable Duration duration, @Nullable String reason, @Nullable String by) {
        OperatorActions.operate(this, CircuitState.FORCED_OPEN, TransitionReason.FORCED_OPEN,
                OperatorActions.override(this, CircuitState.FORCED_OPEN, duration, reason, by));
    }

    /** Closes the breaker until it is reset: every call runs and is counted, and it never trips. */
    public void forceClose() {
        forceClose(null, null, null);
    }

    /**
     * Closes the breaker, for a while or until it is reset: every call runs and is counted, and it
     * never trips. When the duration runs out, the breaker returns to CLOSED as after a reset.
     * @param duration how long, or {@code null} until an operator releases it
     * @param reason why, or {@code null}
     * @param by who, or {@code null}
     */
    public void forceClose(@Nullable Duration duration, @Nullable String reason, @Nullable String by) {
        OperatorActions.operate(this, CircuitState.FORCED_CLOSED, TransitionReason.FORCED_CLOSED,
                OperatorActions.override(this, CircuitState.FORCED_CLOSED, duration, reason, by));
    }


    /** @return the operator's override this breaker is under, read time-aware, or empty */
    public Optional<BreakerOverride> override() {
        return Optional.ofNullable(current(context().clock.millis()).override());
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
        return ProtectedCalls.get(this, supplier);
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
        return ProtectedCalls.execute(this, call);
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
        return AsyncCall.execute(this, call, context().config.callTimeout(), context().timeouts);
    }

    /** @return whether anyone listens to this breaker's outcomes, so that calls need timing */
    boolean hasListeners() {
        return !listeners().isEmpty();
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
        return keyedChildren().get(Objects.requireNonNull(key, "key"));
    }

    /**
     * The keyed child for a key, without creating it; {@link #OVERFLOW_KEY} finds the overflow
     * child unless a real key of that name has a child.
     * @param key the key
     * @return the child, or empty when there is none
     */
    public Optional<CircuitBreaker> findChild(String key) {
        KeyedChildren keyed = keyedChildrenIfAny();
        if (keyed == null) {
            return Optional.empty();
        }
        CircuitBreaker child = keyed.find(key);
        return Optional.ofNullable(child == null && OVERFLOW_KEY.equals(key) ? keyed.overflowChild() : child);
    }

    /** @return the child that new keys share while every slot is held, once there has been one */
    public Optional<CircuitBreaker> overflowChild() {
        KeyedChildren keyed = keyedChildrenIfAny();
        return keyed == null ? Optional.empty() : Optional.ofNullable(keyed.overflowChild());
    }

    /** @return the live keyed children, without the overflow child */
    public Collection<CircuitBreaker> children() {
        KeyedChildren keyed = keyedChildrenIfAny();
        return keyed == null ? List.of() : keyed.all();
    }

    /** @return how many keyed children are live, without the overflow child */
    public int childCount() {
        KeyedChildren keyed = keyedChildrenIfAny();
        return keyed == null ? 0 : keyed.size();
    }

    /**
     * Forgets keyed children idle for longer than {@code keys.idle-expiry} that hold no traffic
     * back (see {@link #child(String)}). Runs by itself as children are created; call it to
     * reclaim memory on a schedule.
     * @return how many children were forgotten
     */
    public int evictIdleChildren() {
        KeyedChildren keyed = keyedChildrenIfAny();
        return keyed == null ? 0 : keyed.evictIdle(context().clock.millis());
    }

    /** Makes a keyed child that shares this breaker's configuration, clock, store and listeners. */
    CircuitBreaker newChild(String childKey) {
        return new CircuitBreaker(name, childKey, context(), this);
    }

    /** @return whether forgetting this keyed child now would let through calls it would reject */
    boolean holdsTraffic(long now, long idleMillis) {
        return state.holdsTraffic(now, lastAccessMillis, idleMillis);
    }

    /** Describes the breaker as time has left it, without changing it. */
    @Override
    public String toString() {
        return "CircuitBreaker[" + (key == null ? name : name + "[" + key + "]") + ", "
                + state.kindAt(context().clock.millis(), this) + "]";
    }

    // ---------------------------------------------------------------- building

    /** Builds a standalone {@link CircuitBreaker}, wired as a registry wires its breakers. */
    public static final class Builder extends WiringBuilder<Builder> {

        private final String name;
        private CircuitBreakerConfig config = CircuitBreakerConfig.defaults();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @param config the configuration @return this builder */
        public Builder config(CircuitBreakerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @return the breaker */
        public CircuitBreaker build() {
            Wiring wiring = wiring(false, CallTimeouts.shared());
            CircuitBreaker breaker = new CircuitBreaker(name, null, new BreakerContext(config, wiring), null);
            wiring.shared().subscribe(breakerName -> breakerName.equals(name) ? breaker : null);
            return breaker;
        }
    }
}
