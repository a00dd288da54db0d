package dev.breaker.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The keyed children of a named breaker, at most {@code keys.max-keys} of them.
 *
 * <p>Looking up a live child takes no lock. A new key reserves a slot first, so the bound holds
 * under races. When every slot is taken, the creating thread makes room under a short lock
 * (dropping a tenth of the bound at a time, idle children first, then the least recently used,
 * so that the cost is amortised); a thread that finds the lock taken waits for that sweep
 * rather than giving up. A child that must be kept ({@link BreakerState#holdsTraffic}) is never
 * dropped, and neither is one with a call in flight ({@link CircuitBreaker#retire()}). When no
 * child can be dropped, new keys share one overflow child: never the named breaker, so that a
 * flood of failing new keys cannot open it for the keys that work.
 */
final class KeyedChildren {

    private static final Logger LOG = System.getLogger(CircuitBreaker.class.getName());

    private final CircuitBreaker parent;
    private final BreakerClock clock;
    private final ConcurrentHashMap<String, CircuitBreaker> children = new ConcurrentHashMap<>();
    /** Live children plus those being made: a slot is taken before a child is made, so the bound holds under races. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final ReentrantLock housekeeping = new ReentrantLock();
    private volatile long nextSweepAt;
    private volatile @Nullable CircuitBreaker overflow;
    /** Whether new keys are sharing the overflow child now: the WARN is logged once per such episode. */
    private volatile boolean overflowing;

    KeyedChildren(CircuitBreaker parent) {
        this.parent = parent;
        this.clock = parent.clock();
        this.nextSweepAt = Millis.plus(clock.millis(), idleMillis());
    }

    /** @return {@code keys.max-keys} as configured now: a reconfiguration applies from the next new key */
    private int maxKeys() {
        return parent.config().maxKeys();
    }

    /** @return {@code keys.idle-expiry} in milliseconds, as configured now */
    private long idleMillis() {
        return parent.config().keyIdleExpiry().toMillis();
    }

    /**
     * The child of a key, made if need be. Finding a live child reads only the map: the child's
     * last access is written when a call enters it ({@link BreakerFamily#entered()}), on the
     * cache line the call touches anyway.
     */
    CircuitBreaker get(String key) {
        CircuitBreaker child = children.get(key);
        return child != null ? child : create(key, clock.millis());
    }

    private CircuitBreaker create(String key, long now) {
        if (now >= nextSweepAt && housekeeping.tryLock()) {
            // one creating thread sweeps; the others go on: a sweep only reclaims memory early
            try {
                if (now >= nextSweepAt) {
                    sweep(now);
                }
            }
            finally {
                housekeeping.unlock();
            }
        }
        for (;;) {
            boolean[] created = new boolean[1];
            CircuitBreaker child = children.computeIfAbsent(key, k -> {
                if (!reserve()) {
                    return null;
                }
                created[0] = true;
                return parent.newChild(k);
            });
            if (child != null) {
                if (created[0] && overflowing) {
                    overflowing = false;
                    LOG.log(Level.INFO, "Circuit breaker '" + parent.name() + "' has room for new keys again; they"
                            + " get children of their own");
                }
                return child;
            }
            if (!makeRoom(now)) {
                return overflow();
            }
        }
    }

    /**
     * Takes a slot for a new key; called only where the key is being mapped, so that threads
     * racing for one new key take one slot between them.
     * @return whether a slot was free
     */
    private boolean reserve() {
        for (;;) {
            int current = reserved.get();
            if (current >= maxKeys()) {
                return false;
            }
            if (reserved.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Drops a tenth of the bound (at least one), the least recently used first, skipping any
     * that must be kept or have a call in flight. Waits for a sweep another thread is making.
     * @return whether there is room now
     */
    private boolean makeRoom(long now) {
        housekeeping.lock();
        try {
            if (reserved.get() < maxKeys()) {
                return true;
            }
            List<CircuitBreaker> candidates = new ArrayList<>();
            for (CircuitBreaker child : children.values()) {
                if (!child.holdsTraffic(now, idleMillis())) {
                    candidates.add(child);
                }
            }
            candidates.sort(Comparator.comparingLong(child -> child.lastAccessMillis));
            int target = Math.max(1, maxKeys() / 10);
            int dropped = 0;
            for (CircuitBreaker child : candidates) {
                if (dropped >= target) {
                    break;
                }
                if (drop(child, now)) {
                    dropped++;
                }
            }
            return reserved.get() < maxKeys();
        }
        finally {
            housekeeping.unlock();
        }
    }

    int evictIdle(long now) {
        housekeeping.lock();
        try {
            return sweep(now);
        }
        finally {
            housekeeping.unlock();
        }
    }

    /** Drops the children idle for {@code keys.idle-expiry}; the caller holds the housekeeping lock. */
    private int sweep(long now) {
        nextSweepAt = Millis.plus(now, Math.max(1, idleMillis() / 2));
        int dropped = 0;
        for (CircuitBreaker child : children.values()) {
            if (now - child.lastAccessMillis >= idleMillis() && drop(child, now)) {
                dropped++;
            }
        }
        return dropped;
    }

    /** Drops a child that holds no traffic back and has no call in flight; a call that finds it retired goes to its successor. */
    private boolean drop(CircuitBreaker child, long now) {
        if (child.holdsTraffic(now, idleMillis()) || !child.retire()) {
            return false;
        }
        children.remove(child.key(), child);
        reserved.decrementAndGet();
        return true;
    }

    /** The child new keys share while no slot can be freed; made on first need and kept. */
    private CircuitBreaker overflow() {
        if (!overflowing) {
            overflowing = true;
            LOG.log(Level.WARNING, "Circuit breaker '" + parent.name() + "' holds " + children.size()
                    + " keyed children (keys.max-keys " + maxKeys() + "), none of which may be dropped yet: each is"
                    + " OPEN, HALF_OPEN or FORCED_OPEN and not yet past its retry time and then idle for"
                    + " keys.idle-expiry, or has a call in flight. New keys share one overflow child until room is"
                    + " made; raise keys.max-keys if this is expected.");
        }
        CircuitBreaker current = overflow;
        if (current != null) {
            return current;
        }
        housekeeping.lock();
        try {
            if (overflow == null) {
                overflow = parent.newChild(CircuitBreaker.OVERFLOW_KEY);
            }
            return overflow;
        }
        finally {
            housekeeping.unlock();
        }
    }

    @Nullable CircuitBreaker find(String key) {
        return children.get(key);
    }

    @Nullable CircuitBreaker overflowChild() {
        return overflow;
    }

    Collection<CircuitBreaker> all() {
        return Collections.unmodifiableCollection(children.values());
    }

    int size() {
        return children.size();
    }
}
