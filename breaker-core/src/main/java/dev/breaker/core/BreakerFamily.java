package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a breaker stands among others: the named breaker of a keyed child, a named breaker's
 * own listeners and keyed children, and a keyed child's last access and calls in flight. Kept in
 * the breaker object itself (its superclass), like {@link LifetimeCounts}, so that these links
 * cost no object of their own.
 *
 * <p>A keyed child counts its calls in flight so that it is forgotten only with none: a call
 * {@link #entered()} on a child that was forgotten since it was looked up goes to the child now
 * live for its key, and no outcome is ever recorded on a forgotten child.
 */
abstract class BreakerFamily extends LifetimeCounts {

    private static final int RETIRED = Integer.MIN_VALUE;
    /** A keyed child's last access is written at most this often, so that busy keys do not contend. */
    private static final long ACCESS_GRANULARITY_MILLIS = 1000;
    private static final VarHandle OWN;
    private static final VarHandle CALLS_IN_FLIGHT;
    private static final VarHandle CHILDREN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWN = lookup.findVarHandle(BreakerFamily.class, "own", Listeners.class);
            CALLS_IN_FLIGHT = lookup.findVarHandle(BreakerFamily.class, "callsInFlight", int.class);
            CHILDREN = lookup.findVarHandle(BreakerFamily.class, "children", KeyedChildren.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The named breaker of a keyed child; {@code null} for a named breaker. */
    final @Nullable CircuitBreaker parent;
    /** A named breaker's configuration and wiring, replaced as a whole by a reconfiguration; children read their parent's. */
    private volatile BreakerContext context;
    /** This named breaker's own listeners, chained to the context's; made when the first is added. */
    private volatile @Nullable Listeners own;
    private volatile @Nullable KeyedChildren children;
    /** A keyed child's last call, for expiry and for making room; written at most once a second, as calls enter. */
    volatile long lastAccessMillis;
    /** A keyed child's calls in flight, or {@link #RETIRED} once it has been forgotten. */
    @SuppressWarnings("unused") // through CALLS_IN_FLIGHT
    private volatile int callsInFlight;

    BreakerFamily(BreakerContext context, @Nullable CircuitBreaker parent) {
        this.context = context;
        this.parent = parent;
        this.lastAccessMillis = context.clock.millis();
    }

    abstract @Nullable String key();

    /**
     * @return the configuration and wiring: a named breaker's own, a keyed child's parent's, so
     *         that a reconfiguration reaches the breaker and all its children in one write
     */
    final BreakerContext context() {
        BreakerFamily named = parent;
        return named == null ? context : named.context;
    }

    /** Replaces a named breaker's configuration; its children follow at once. */
    final void replaceContext(BreakerContext next) {
        context = next;
    }

    /** Adds a listener to the named breaker: its own, and so its children's. */
    final void addOwnListener(CircuitBreakerListener listener) {
        BreakerFamily named = parent == null ? this : parent;
        Listeners listeners = named.own;
        if (listeners == null) {
            Listeners fresh = new Listeners(context().listeners);
            Listeners witness = (Listeners) OWN.compareAndExchange(named, (Listeners) null, fresh);
            listeners = witness == null ? fresh : witness;
        }
        listeners.add(listener);
    }

    /** @return the listeners this breaker's events go to: its named breaker's own, then the context's */
    final Listeners listeners() {
        Listeners listeners = (parent == null ? this : parent).own;
        return listeners != null ? listeners : context().listeners;
    }

    /** @return the keyed children of this named breaker, made on first need */
    final KeyedChildren keyedChildren() {
        if (parent != null) {
            throw new IllegalStateException("A keyed child cannot hold children of its own");
        }
        KeyedChildren keyed = children;
        if (keyed == null) {
            KeyedChildren fresh = new KeyedChildren((CircuitBreaker) this);
            KeyedChildren witness = (KeyedChildren) CHILDREN.compareAndExchange(this, (KeyedChildren) null, fresh);
            keyed = witness == null ? fresh : witness;
        }
        return keyed;
    }

    /** @return the keyed children if any were ever made, else {@code null} */
    final @Nullable KeyedChildren keyedChildrenIfAny() {
        return children;
    }

    /**
     * The breaker a call goes through: this one; for a keyed child forgotten since it was looked
     * up, the child now in its place. The caller must {@link #exited()} the one returned once
     * the call's outcome is recorded, or once it is rejected.
     */
    final CircuitBreaker entered() {
        if (parent == null) {
            return (CircuitBreaker) this;
        }
        BreakerFamily child = this;
        while (!child.enter()) {
            child = parent.child(Objects.requireNonNull(key()));
        }
        long now = context().clock.tickMillis();
        if (now - child.lastAccessMillis >= ACCESS_GRANULARITY_MILLIS) {
            child.lastAccessMillis = now;
        }
        return (CircuitBreaker) child;
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

    /** Ends a call that {@link #entered()} this keyed child. */
    final void exited() {
        if (parent != null) {
            CALLS_IN_FLIGHT.getAndAdd(this, -1);
        }
    }

    /** @return whether this keyed child had no call in flight and is now retired for good */
    final boolean retire() {
        return CALLS_IN_FLIGHT.compareAndSet(this, 0, RETIRED);
    }
}
