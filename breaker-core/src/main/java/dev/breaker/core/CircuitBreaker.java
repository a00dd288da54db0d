package dev.breaker.core;

import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.LocalStateStore;
import dev.breaker.core.store.SharedState;
import dev.breaker.core.store.StateStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A circuit breaker: decides, call by call, whether a protected call may run, and records how
 * it ended.
 *
 * <p>Wrap calls with {@link #get}, {@link #run}, {@link #call}, {@link #execute} or
 * {@link #executeAsync}; or drive it by hand with {@link #acquirePermission()} and one of
 * {@link #onSuccess}, {@link #onError}, {@link #onTimeout}, {@link #onCancelled} per admitted
 * call. A call through a CLOSED breaker and a rejection by an OPEN one take no lock and
 * allocate nothing.
 *
 * <p>A breaker made by a {@link CircuitBreakerRegistry} may hold keyed children
 * ({@link #child(String)}), each with its own state and this breaker's configuration.
 */
public final class CircuitBreaker {

    private static final long NEVER = Long.MIN_VALUE;
    private static final long NOT_TIMED = Long.MIN_VALUE;
    private static final VarHandle STATE;
    private static final VarHandle FAILURES;
    private static final VarHandle CONSECUTIVE_FAILURES;
    private static final VarHandle RARE;
    private static final VarHandle SUCCESS_COUNT;
    private static final VarHandle OWN;
    private static final VarHandle STRIPED_SUCCESSES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CircuitBreaker.class, "state", BreakerState.class);
            FAILURES = lookup.findVarHandle(CircuitBreaker.class, "failures", long.class);
            CONSECUTIVE_FAILURES = lookup.findVarHandle(CircuitBreaker.class, "consecutiveFailures", int.class);
            RARE = lookup.findVarHandle(CircuitBreaker.class, "rare", RareCounters.class);
            SUCCESS_COUNT = lookup.findVarHandle(CircuitBreaker.class, "successCount", long.class);
            OWN = lookup.findVarHandle(CircuitBreaker.class, "own", Listeners.class);
            STRIPED_SUCCESSES = lookup.findVarHandle(CircuitBreaker.class, "stripedSuccesses", LongAdder.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String name;
    private final String key;
    private final BreakerContext context;
    /** The named breaker of a keyed child; {@code null} for a named breaker. */
    private final CircuitBreaker parent;
    /** This named breaker's own listeners, chained to the registry's; made when the first is added. */
    private volatile Listeners own;
    private volatile BreakerState state;
    /** Lifetime successes while uncontended; {@link #stripedSuccesses} takes over once two threads collide. */
    private volatile long successCount;
    private volatile LongAdder stripedSuccesses;
    @SuppressWarnings("unused") // through FAILURES
    private volatile long failures;
    private volatile int consecutiveFailures;
    private volatile long lastSuccessAt = NEVER;
    private volatile RareCounters rare;
    private volatile KeyedChildren children;
    volatile long lastAccessMillis;

    CircuitBreaker(String name, String key, BreakerContext context, CircuitBreaker parent) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = key;
        this.context = context;
        this.parent = parent;
        long now = context.clock.millis();
        this.lastAccessMillis = now;
        this.state = initialState(now);
    }

    private BreakerState initialState(long now) {
        SharedState shared = context.store.isShared() ? safeLoad() : null;
        if (shared != null) {
            BreakerState restored = fromShared(shared, 1, now, WindowCounts.EMPTY);
            if (restored != null) {
                return restored;
            }
        }
        return new ClosedState(1, SlidingWindow.of(context.config));
    }

    private SharedState safeLoad() {
        try {
            return context.store.load(id());
        }
        catch (RuntimeException ex) {
            return null;
        }
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
    public String key() {
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

    /** @return the listeners this breaker's events go to: its named breaker's own, then the registry's */
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
        return kindOf(current(context.clock.millis()));
    }

    /** @return when the next trial call is admitted, or {@code null} unless OPEN */
    public Instant nextRetryAt() {
        return current(context.clock.millis()) instanceof OpenState open ? Instant.ofEpochMilli(open.openUntilMillis)
                : null;
    }

    /** @return how long until the next trial call; zero unless OPEN */
    public Duration retryAfter() {
        long now = context.clock.millis();
        return current(now) instanceof OpenState open ? Duration.ofMillis(Math.max(0, open.openUntilMillis - now))
                : Duration.ZERO;
    }

    /** @return one consistent reading of the state, window and lifetime counts */
    public CircuitBreakerStats stats() {
        long now = context.clock.millis();
        BreakerState s = current(now);
        WindowCounts window = s.counts(now);
        RareCounters r = rare;
        if (r == null) {
            r = RareCounters.NONE;
        }
        long success = successes();
        long failure = failures;
        long ignoredCalls = r.get(RareCounters.IGNORED);
        long openMillis = r.get(RareCounters.TIME_IN_OPEN);
        if (s instanceof OpenState open) {
            openMillis += Math.max(0, now - open.enteredAtMillis);
        }
        else if (s instanceof ForcedOpenState forced) {
            openMillis += Math.max(0, now - forced.enteredAtMillis);
        }
        long retryAt = s instanceof OpenState open ? open.openUntilMillis : NEVER;
        return new CircuitBreakerStats(kindOf(s),
                retryAt == NEVER ? null : Instant.ofEpochMilli(retryAt),
                retryAt == NEVER ? Duration.ZERO : Duration.ofMillis(Math.max(0, retryAt - now)),
                window.total(), window.failures(), window.slow(),
                window.failureRate(), window.slowCallRate(), window.healthScore(),
                success + failure + ignoredCalls, success, failure, ignoredCalls,
                r.get(RareCounters.REJECTIONS), r.get(RareCounters.TIMEOUTS),
                r.get(RareCounters.SLOW_CALLS),
                consecutiveFailures, Math.max(0, success - r.get(RareCounters.SUCCESS_MARK)),
                instant(r.get(RareCounters.LAST_FAILURE_AT)), instant(lastSuccessAt),
                r.get(RareCounters.OPENS), r.get(RareCounters.SUCCESSFUL_RECOVERIES),
                r.get(RareCounters.FAILED_RECOVERIES),
                Duration.ofMillis(openMillis));
    }

    private static Instant instant(long millis) {
        return millis == NEVER ? null : Instant.ofEpochMilli(millis);
    }

    private static CircuitState kindOf(BreakerState s) {
        if (s instanceof ClosedState) {
            return CircuitState.CLOSED;
        }
        if (s instanceof OpenState) {
            return CircuitState.OPEN;
        }
        if (s instanceof HalfOpenState) {
            return CircuitState.HALF_OPEN;
        }
        return s instanceof ForcedOpenState ? CircuitState.FORCED_OPEN : CircuitState.FORCED_CLOSED;
    }

    /** The state at the given time, after making the transitions that time alone decides. */
    private BreakerState current(long now) {
        for (;;) {
            BreakerState s = state;
            if (s instanceof OpenState open && now >= open.openUntilMillis) {
                // time alone decides these transitions: they happen when their time comes, not when seen
                transition(s, new HalfOpenState(s.generation + 1, open.openUntilMillis,
                        open.failedRecoveries, open.tripped), TransitionReason.WAIT_ELAPSED,
                        "open wait elapsed", open.openUntilMillis, false);
            }
            else if (s instanceof HalfOpenState half && half.expired(now, context.halfOpenMaxWaitMillis)) {
                reopen(half, TransitionReason.HALF_OPEN_TIMEOUT, "trial calls undecided after "
                        + context.config.halfOpenMaxWait(), half.deadline(context.halfOpenMaxWaitMillis));
            }
            else {
                return s;
            }
        }
    }

    // ---------------------------------------------------------------- permission and outcomes

    /**
     * Asks to run one call. Every admitted call must be followed by exactly one of
     * {@link #onSuccess}, {@link #onError}, {@link #onTimeout} or {@link #onCancelled} with the
     * returned ticket.
     * @return a ticket naming the period that admitted the call
     * @throws CircuitOpenException if the call is rejected
     */
    public long acquirePermission() {
        BreakerState s = state;
        if (s instanceof ClosedState) {
            return s.generation;
        }
        return acquireSlow();
    }

    private long acquireSlow() {
        long now = context.clock.millis();
        BreakerState s = current(now);
        if (s instanceof ClosedState || s instanceof ForcedClosedState) {
            return s.generation;
        }
        if (s instanceof HalfOpenState half) {
            if (half.tryAcquire(context.config.halfOpenPermittedCalls(), now)) {
                if (!context.store.isShared() || acquireSharedPermit(half)) {
                    return s.generation;
                }
                half.release();
            }
            throw reject(new CircuitOpenException(name, key, CircuitState.HALF_OPEN, NEVER, context.clock,
                    "its " + context.config.halfOpenPermittedCalls()
                            + " trial calls are in flight; calls are rejected until they decide"));
        }
        throw reject(s instanceof OpenState open ? open.rejection(this) : ((ForcedOpenState) s).rejection(this));
    }

    private boolean acquireSharedPermit(HalfOpenState half) {
        try {
            return context.store.tryAcquireTrialPermit(id(), half.round, context.config.halfOpenPermittedCalls());
        }
        catch (RuntimeException ex) {
            return true;
        }
    }

    private CircuitOpenException reject(CircuitOpenException exception) {
        rare().add(RareCounters.REJECTIONS, 1);
        if (!listeners().isEmpty()) {
            listeners().outcome(this, CallOutcome.REJECTED, 0, exception);
        }
        return exception;
    }

    /**
     * Asks to run one call whose end will arrive later, perhaps from several sides at once: the
     * returned call records exactly one outcome, whichever side reports first.
     * @return the admitted call
     * @throws CircuitOpenException if the call is rejected
     */
    public AdmittedCall admit() {
        return new AdmittedCall(this, acquirePermission());
    }

    /**
     * Records a call that returned normally.
     * @param ticket from {@link #acquirePermission()}
     * @param durationNanos how long it ran (0 if not measured)
     */
    public void onSuccess(long ticket, long durationNanos) {
        record(ticket, CallOutcome.SUCCESS, durationNanos, null);
    }

    /**
     * Records a call that threw: as a failure, a success or ignored, as the configuration's
     * record and ignore lists say.
     * @param ticket from {@link #acquirePermission()}
     * @param durationNanos how long it ran (0 if not measured)
     * @param error what it threw
     */
    public void onError(long ticket, long durationNanos, Throwable error) {
        record(ticket, context.config.classify(error), durationNanos, error);
    }

    /**
     * Records a call that ran past the call timeout: a failure.
     * @param ticket from {@link #acquirePermission()}
     * @param durationNanos how long it ran
     */
    public void onTimeout(long ticket, long durationNanos) {
        record(ticket, CallOutcome.TIMEOUT, durationNanos, null);
    }

    /**
     * Records a call that was cancelled: ignored, but its permit is released.
     * @param ticket from {@link #acquirePermission()}
     * @param durationNanos how long it ran
     */
    public void onCancelled(long ticket, long durationNanos) {
        record(ticket, CallOutcome.IGNORED, durationNanos, null);
    }

    private void record(long ticket, CallOutcome outcome, long durationNanos, Throwable error) {
        long now = context.clock.millis();
        boolean failure = outcome == CallOutcome.FAILURE || outcome == CallOutcome.TIMEOUT;
        boolean slow = context.slowNanos > 0 && durationNanos > context.slowNanos;
        countLifetime(outcome, failure, slow, now);
        // time-aware, like every read: a trial that ends past half-open.max-wait ends after its period did
        BreakerState s = current(now);
        if (s.generation == ticket) {
            if (outcome != CallOutcome.IGNORED) {
                countConsecutive(failure);
            }
            if (s instanceof ClosedState closed) {
                if (outcome != CallOutcome.IGNORED) {
                    closed.window.record(failure, slow, now);
                    // A success can trip too: it may complete minimum-calls with the rate already over
                    // a threshold, and in a time window the calls rolling off can raise the rate. Once a
                    // count window holds minimum-calls, a success can only lower its rates.
                    if (failure || slow || !(closed.window instanceof CountWindow)
                            || closed.awaitsMinimumCalls && reachedMinimumCalls(closed, now)) {
                        tripIfDue(closed, now);
                    }
                }
            }
            else if (s instanceof HalfOpenState half) {
                trialFinished(half, outcome, failure, now);
            }
            else if (s instanceof ForcedClosedState forced && outcome != CallOutcome.IGNORED) {
                forced.window.record(failure, slow, now);
            }
        }
        else if (outcome == CallOutcome.SUCCESS) {
            // a late success counts as a success but is not part of the current run of successes
            rare().add(RareCounters.SUCCESS_MARK, 1);
        }
        if (!listeners().isEmpty()) {
            listeners().outcome(this, outcome, durationNanos, error);
        }
    }

    private void countLifetime(CallOutcome outcome, boolean failure, boolean slow, long now) {
        if (failure) {
            FAILURES.getAndAdd(this, 1L);
            rare().set(RareCounters.LAST_FAILURE_AT, now);
            if (outcome == CallOutcome.TIMEOUT) {
                rare().add(RareCounters.TIMEOUTS, 1);
            }
        }
        else if (outcome == CallOutcome.SUCCESS) {
            countSuccess();
            if (lastSuccessAt != now) {
                lastSuccessAt = now;
            }
        }
        else {
            rare().add(RareCounters.IGNORED, 1);
        }
        if (slow) {
            rare().add(RareCounters.SLOW_CALLS, 1);
        }
    }

    /**
     * Counts a success with one compare-and-set while threads do not collide, and from the first
     * collision on in a {@link LongAdder}, made then: a keyed child that is never contended stays
     * small, and a busy breaker shared by many threads does not contend on one counter.
     */
    private void countSuccess() {
        LongAdder striped = stripedSuccesses;
        if (striped == null) {
            long current = successCount;
            if (SUCCESS_COUNT.compareAndSet(this, current, current + 1)) {
                return;
            }
            striped = stripedSuccesses;
            if (striped == null) {
                LongAdder fresh = new LongAdder();
                LongAdder witness = (LongAdder) STRIPED_SUCCESSES.compareAndExchange(this, (LongAdder) null, fresh);
                striped = witness == null ? fresh : witness;
            }
        }
        striped.increment();
    }

    private long successes() {
        LongAdder striped = stripedSuccesses;
        return successCount + (striped == null ? 0 : striped.sum());
    }

    private void countConsecutive(boolean failure) {
        if (failure) {
            CONSECUTIVE_FAILURES.getAndAdd(this, 1);
            rare().set(RareCounters.SUCCESS_MARK, successes());
        }
        else if (consecutiveFailures != 0) {
            consecutiveFailures = 0;
        }
    }

    /**
     * Whether the window now holds {@code minimum-calls}, so that a success which completes them
     * trips a breaker whose rate is already over a threshold. Checked until it first holds; after
     * that a success cannot raise a count window's rates.
     */
    private boolean reachedMinimumCalls(ClosedState closed, long now) {
        if (closed.window.total(now) < context.config.minimumCalls()) {
            return false;
        }
        closed.awaitsMinimumCalls = false;
        return true;
    }

    private void tripIfDue(ClosedState closed, long now) {
        CircuitBreakerConfig config = context.config;
        int threshold = config.consecutiveFailuresThreshold();
        if (threshold > 0 && consecutiveFailures >= threshold) {
            trip(closed, TransitionReason.CONSECUTIVE_FAILURES, consecutiveFailures + " consecutive failures >= "
                    + threshold, now, closed.window.counts(now));
            return;
        }
        int due = closed.window.tripDue(now, config.minimumCalls(), config.failureRateThreshold(),
                context.slowNanos > 0 ? config.slowCallRateThreshold() : Double.NaN);
        if (due == SlidingWindow.NOT_DUE) {
            return;
        }
        WindowCounts counts = closed.window.counts(now);
        if (due == SlidingWindow.FAILURE_RATE_DUE) {
            trip(closed, TransitionReason.FAILURE_RATE, "failure rate " + percent(counts.failureRate()) + " >= "
                    + percent(config.failureRateThreshold()) + " over " + counts.total() + " calls", now, counts);
        }
        else {
            trip(closed, TransitionReason.SLOW_CALL_RATE, "slow-call rate " + percent(counts.slowCallRate())
                    + " >= " + percent(config.slowCallRateThreshold()) + " over " + counts.total() + " calls", now,
                    counts);
        }
    }

    private static String percent(double fraction) {
        double value = Math.round(fraction * 1000) / 10.0;
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%";
    }

    /** Opens the breaker, keeping visible the window reading that the detail describes. */
    private void trip(ClosedState closed, TransitionReason reason, String detail, long now, WindowCounts tripped) {
        transition(closed, new OpenState(closed.generation + 1, now, now + openWaitMillis(0), 0, tripped), reason,
                detail, now, true);
    }

    private void trialFinished(HalfOpenState half, CallOutcome outcome, boolean failure, long now) {
        half.release();
        if (context.store.isShared()) {
            try {
                context.store.releaseTrialPermit(id(), half.round);
            }
            catch (RuntimeException ex) {
                // the store says so itself; a permit it cannot release expires there
            }
        }
        if (failure) {
            reopen(half, TransitionReason.TRIAL_FAILED, "trial call failed", now);
        }
        else if (outcome == CallOutcome.SUCCESS) {
            int succeeded = half.succeed();
            int threshold = context.config.halfOpenSuccessThreshold();
            if (succeeded >= threshold) {
                transition(half, new ClosedState(half.generation + 1, SlidingWindow.of(context.config)),
                        TransitionReason.TRIAL_SUCCEEDED, succeeded + " of " + threshold + " trial calls succeeded",
                        now, true);
            }
        }
    }

    private void reopen(HalfOpenState half, TransitionReason reason, String detail, long now) {
        int failed = half.failedRecoveries + 1;
        transition(half, new OpenState(half.generation + 1, now, now + openWaitMillis(failed), failed, half.tripped),
                reason, detail, now, true);
    }

    /** The open wait after the given number of failed recoveries, backed off, capped and jittered. */
    long openWaitMillis(int failedRecoveries) {
        CircuitBreakerConfig config = context.config;
        double maxWait = config.backoffMaxWait().toMillis();
        double wait = Math.min(config.waitInOpen().toMillis() * Math.pow(config.backoffMultiplier(), failedRecoveries),
                maxWait);
        double jitter = config.backoffJitter();
        if (jitter > 0) {
            wait *= 1 + jitter * (2 * context.random.getAsDouble() - 1);
        }
        return Math.max(0, Math.min(Math.round(wait), (long) maxWait));
    }

    // ---------------------------------------------------------------- transitions

    private boolean transition(BreakerState from, BreakerState to, TransitionReason reason, String detail, long now,
            boolean share) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        account(from, to, reason, now);
        if (share && context.store.isShared()) {
            publish(to, now);
        }
        if (!listeners().isEmpty()) {
            long retryAt = to instanceof OpenState open ? open.openUntilMillis : NEVER;
            listeners().transition(new StateTransition(name, key, kindOf(from), kindOf(to), reason, detail,
                    Instant.ofEpochMilli(now), instant(retryAt)));
        }
        return true;
    }

    private void account(BreakerState from, BreakerState to, TransitionReason reason, long now) {
        RareCounters r = rare();
        if (from instanceof OpenState open) {
            r.add(RareCounters.TIME_IN_OPEN, Math.max(0, Math.min(now, open.openUntilMillis) - open.enteredAtMillis));
        }
        else if (from instanceof ForcedOpenState forced) {
            r.add(RareCounters.TIME_IN_OPEN, Math.max(0, now - forced.enteredAtMillis));
        }
        if (to instanceof OpenState) {
            if (!(from instanceof OpenState open && now < open.openUntilMillis)) {
                r.add(RareCounters.OPENS, 1); // following another instance's open period is no new opening
            }
            if (from instanceof HalfOpenState) {
                r.add(RareCounters.FAILED_RECOVERIES, 1);
            }
        }
        else if (reason == TransitionReason.TRIAL_SUCCEEDED) { // an operator's reset is no recovery
            r.add(RareCounters.SUCCESSFUL_RECOVERIES, 1);
        }
    }

    private void publish(BreakerState to, long now) {
        SharedState shared;
        if (to instanceof OpenState open) {
            shared = new SharedState(CircuitState.OPEN, open.openUntilMillis, open.failedRecoveries, now);
        }
        else {
            shared = new SharedState(kindOf(to), -1, 0, now);
        }
        try {
            context.store.publish(context.instanceId, id(), shared);
        }
        catch (RuntimeException ex) {
            // a store reports its own faults; the breaker goes on with local state
        }
    }

    /** Moves to the state of an operator's action, whatever the current state. */
    private void operate(TransitionReason reason, String detail) {
        for (;;) {
            long now = context.clock.millis();
            BreakerState from = current(now); // an OPEN breaker past its retry time is left from HALF_OPEN
            BreakerState to = switch (reason) {
                case RESET -> new ClosedState(from.generation + 1, SlidingWindow.of(context.config));
                case FORCED_OPEN -> new ForcedOpenState(from.generation + 1, now, from.counts(now));
                default -> new ForcedClosedState(from.generation + 1, SlidingWindow.of(context.config));
            };
            if (transition(from, to, reason, detail, now, true)) {
                if (reason == TransitionReason.RESET) {
                    consecutiveFailures = 0;
                    rare().set(RareCounters.SUCCESS_MARK, successes());
                }
                return;
            }
        }
    }

    /** Returns the breaker to CLOSED with an empty window and no backoff; lifetime statistics stay. */
    public void reset() {
        operate(TransitionReason.RESET, "reset by an operator");
    }

    /** Opens the breaker until it is reset: every call is rejected. */
    public void forceOpen() {
        operate(TransitionReason.FORCED_OPEN, "forced open by an operator");
    }

    /** Closes the breaker until it is reset: every call runs and is counted, and it never trips. */
    public void forceClose() {
        operate(TransitionReason.FORCED_CLOSED, "forced closed by an operator");
    }

    /**
     * Applies a transition made by another instance. Call counts stay local; the state, the
     * open-until time and the backoff follow the other instance.
     * @param shared the state the other instance entered
     */
    void applyShared(SharedState shared) {
        for (;;) {
            long now = context.clock.millis();
            if (shared.state() == CircuitState.OPEN && shared.openUntilMillis() <= now) {
                return; // an open period that is already over: the other instance is half-open by now
            }
            BreakerState from = current(now); // an OPEN breaker past its retry time is left from HALF_OPEN
            if (sameAs(from, shared)) {
                return;
            }
            BreakerState to = fromShared(shared, from.generation + 1, now, from.counts(now));
            if (to == null || transition(from, to, TransitionReason.SHARED_STATE,
                    "changed to " + shared.state() + " by another instance", now, false)) {
                return;
            }
        }
    }

    private static boolean sameAs(BreakerState s, SharedState shared) {
        return switch (shared.state()) {
            case OPEN -> s instanceof OpenState open && open.openUntilMillis == shared.openUntilMillis();
            case CLOSED -> s instanceof ClosedState;
            case FORCED_OPEN -> s instanceof ForcedOpenState;
            case FORCED_CLOSED -> s instanceof ForcedClosedState;
            case HALF_OPEN -> true;
        };
    }

    private BreakerState fromShared(SharedState shared, long generation, long now, WindowCounts counts) {
        return switch (shared.state()) {
            case OPEN -> new OpenState(generation, Math.min(now, shared.openUntilMillis()), shared.openUntilMillis(),
                    shared.failedRecoveries(), counts);
            case CLOSED -> new ClosedState(generation, SlidingWindow.of(context.config));
            case FORCED_OPEN -> new ForcedOpenState(generation, now, counts);
            case FORCED_CLOSED -> new ForcedClosedState(generation, SlidingWindow.of(context.config));
            case HALF_OPEN -> null;
        };
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
        if (context.timeout != null) {
            return Unchecked.get(() -> executeTimed(supplier::get));
        }
        long ticket = acquirePermission();
        long start = startTimer();
        T result;
        try {
            result = supplier.get();
        }
        catch (Throwable ex) {
            onError(ticket, elapsedSince(start), ex);
            throw ex;
        }
        onSuccess(ticket, elapsedSince(start));
        return result;
    }

    /**
     * Runs a call through the breaker.
     * @param runnable the call
     * @throws CircuitOpenException if the breaker rejects the call
     * @throws CallTimeoutException if the call runs past the call timeout
     */
    public void run(Runnable runnable) {
        if (context.timeout != null) {
            Unchecked.get(() -> executeTimed(() -> {
                runnable.run();
                return null;
            }));
            return;
        }
        long ticket = acquirePermission();
        long start = startTimer();
        try {
            runnable.run();
        }
        catch (Throwable ex) {
            onError(ticket, elapsedSince(start), ex);
            throw ex;
        }
        onSuccess(ticket, elapsedSince(start));
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
        if (context.timeout != null) {
            return executeTimed(call);
        }
        long ticket = acquirePermission();
        long start = startTimer();
        T result;
        try {
            result = call.get();
        }
        catch (Throwable ex) {
            onError(ticket, elapsedSince(start), ex);
            throw ex;
        }
        onSuccess(ticket, elapsedSince(start));
        return result;
    }

    @SuppressWarnings("unchecked")
    private <T> T executeTimed(CheckedSupplier<T> call) throws Throwable {
        long ticket = acquirePermission();
        long start = context.clock.nanoTime();
        Object result;
        try {
            result = Timeouts.call(call, context.timeout);
        }
        catch (Throwable ex) {
            onError(ticket, elapsedSince(start), ex);
            throw ex;
        }
        if (result == Timeouts.CALLER_INTERRUPTED) {
            // the caller gave up, not the downstream: a cancellation, counted neither way
            onCancelled(ticket, elapsedSince(start));
            throw new InterruptedException("Interrupted while waiting for a call through circuit breaker '" + name
                    + "'");
        }
        if (result == Timeouts.TIMED_OUT) {
            onTimeout(ticket, elapsedSince(start));
            throw new CallTimeoutException(name, context.timeout);
        }
        onSuccess(ticket, elapsedSince(start));
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
        return AsyncCall.execute(this, call, context.timeout);
    }

    /** Reads the clock only when a duration is needed: for slow calls, timeouts or listeners. */
    private long startTimer() {
        return context.slowNanos > 0 || !listeners().isEmpty() ? context.clock.nanoTime() : NOT_TIMED;
    }

    private long elapsedSince(long start) {
        return start == NOT_TIMED ? 0 : Math.max(0, context.clock.nanoTime() - start);
    }

    // ---------------------------------------------------------------- keyed children

    /**
     * The keyed child for a key, created on demand with this breaker's configuration. When
     * {@code keys.max-keys} children exist, idle and then least recently used CLOSED children
     * make room; OPEN and HALF_OPEN children are never dropped. If every child is OPEN or
     * HALF_OPEN, calls for new keys go through this breaker itself.
     * @param key the key, such as a user id
     * @return the child
     */
    public CircuitBreaker child(String key) {
        Objects.requireNonNull(key, "key");
        if (this.key != null) {
            throw new IllegalStateException("A keyed child cannot hold children of its own");
        }
        KeyedChildren keyed = children;
        if (keyed == null) {
            synchronized (this) {
                keyed = children;
                if (keyed == null) {
                    keyed = new KeyedChildren(this, context);
                    children = keyed;
                }
            }
        }
        return keyed.get(key);
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

    /** @return the live keyed children */
    public Collection<CircuitBreaker> children() {
        KeyedChildren keyed = children;
        return keyed == null ? java.util.List.of() : keyed.all();
    }

    /** @return how many keyed children are live */
    public int childCount() {
        KeyedChildren keyed = children;
        return keyed == null ? 0 : keyed.size();
    }

    /**
     * Drops CLOSED keyed children unused for longer than {@code keys.idle-expiry}. Runs by itself
     * as children are created; call it to reclaim memory on a schedule.
     * @return how many children were dropped
     */
    public int evictIdleChildren() {
        KeyedChildren keyed = children;
        return keyed == null ? 0 : keyed.evictIdle(context.clock.millis());
    }

    /** Makes a keyed child that shares this breaker's configuration, clock, store and listeners. */
    CircuitBreaker newChild(String childKey) {
        return new CircuitBreaker(name, childKey, context, this);
    }

    /** @return whether this breaker may be dropped: CLOSED (or FORCED_CLOSED) */
    boolean isEvictable() {
        BreakerState s = state;
        return s instanceof ClosedState || s instanceof ForcedClosedState;
    }

    private RareCounters rare() {
        RareCounters r = rare;
        if (r == null) {
            RareCounters fresh = new RareCounters();
            r = RARE.compareAndSet(this, null, fresh) ? fresh : rare;
        }
        return r;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + (key == null ? name : name + "[" + key + "]") + ", " + state() + "]";
    }

    // ---------------------------------------------------------------- building

    /** Builds a standalone {@link CircuitBreaker}. */
    public static final class Builder {

        private final String name;
        private CircuitBreakerConfig config = CircuitBreakerConfig.defaults();
        private BreakerClock clock = BreakerClock.system();
        private StateStore store = LocalStateStore.INSTANCE;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private final Listeners listeners = new Listeners(null);

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
            listeners.add(listener);
            return this;
        }

        /** @param store where the state is shared @return this builder */
        public Builder stateStore(StateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @param random the source of jitter, values in [0, 1) @return this builder */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** @return the breaker */
        public CircuitBreaker build() {
            String instanceId = store.isShared() ? UUID.randomUUID().toString() : "local";
            return new CircuitBreaker(name, null, new BreakerContext(config, clock, listeners, store, instanceId, random), null);
        }
    }
}
