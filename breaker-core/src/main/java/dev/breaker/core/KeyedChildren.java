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

/**
 * The keyed children of a named breaker, bounded by {@code keys.max-keys}. Looking up a live
 * child takes no lock. Making room (dropping idle, then least recently used, CLOSED children, a
 * tenth of the bound at a time so that the cost is amortised) takes a lock that lookups never
 * wait for. OPEN and HALF_OPEN children are never dropped: forgetting one would let traffic
 * through to a downstream known to be failing.
 */
final class KeyedChildren {

    private static final Logger LOG = System.getLogger(CircuitBreaker.class.getName());

    /** A child's last access is written at most this often, so that busy keys do not contend. */
    private static final long ACCESS_GRANULARITY_MILLIS = 1000;

    private final CircuitBreaker parent;
    private final BreakerClock clock;
    private final int maxKeys;
    private final long idleMillis;
    private final ConcurrentHashMap<String, CircuitBreaker> children = new ConcurrentHashMap<>();
    /** Live children plus those being created: reserved before a child is made, so the bound holds under races. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final ReentrantLock housekeeping = new ReentrantLock();
    private volatile long nextSweepAt;
    private volatile boolean warnedFull;

    KeyedChildren(CircuitBreaker parent, BreakerContext context) {
        this.parent = parent;
        this.clock = context.clock;
        this.maxKeys = context.config.maxKeys();
        this.idleMillis = context.config.keyIdleExpiry().toMillis();
        this.nextSweepAt = clock.millis() + idleMillis;
    }

    CircuitBreaker get(String key) {
        CircuitBreaker child = children.get(key);
        long now = clock.millis();
        if (child != null) {
            if (now - child.lastAccessMillis >= ACCESS_GRANULARITY_MILLIS) {
                child.lastAccessMillis = now;
            }
            return child;
        }
        return create(key, now);
    }

    private CircuitBreaker create(String key, long now) {
        if (now >= nextSweepAt && housekeeping.tryLock()) {
            // one creating thread sweeps; the others go on rather than queue for the same sweep
            try {
                if (now >= nextSweepAt) {
                    sweep(now);
                }
            }
            finally {
                housekeeping.unlock();
            }
        }
        if (!reserve(now)) {
            if (!warnedFull) {
                warnedFull = true;
                LOG.log(Level.WARNING, "Circuit breaker '" + parent.name() + "' holds " + children.size()
                        + " keyed children, none of which can be dropped (all OPEN or HALF_OPEN); calls for new"
                        + " keys go through the breaker itself until room is made. Raise keys.max-keys if this"
                        + " is expected.");
            }
            return parent;
        }
        boolean[] created = new boolean[1];
        CircuitBreaker child = children.computeIfAbsent(key, k -> {
            created[0] = true;
            return parent.newChild(k);
        });
        if (!created[0]) {
            reserved.decrementAndGet();
        }
        return child;
    }

    /** @return whether room for one more child was reserved, after making room if need be */
    private boolean reserve(long now) {
        for (;;) {
            int current = reserved.get();
            if (current >= maxKeys) {
                if (!makeRoom(now)) {
                    return false;
                }
            }
            else if (reserved.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Drops a tenth of the bound (at least one), idle children first, then the least recently used. */
    private boolean makeRoom(long now) {
        if (!housekeeping.tryLock()) {
            return reserved.get() < maxKeys;
        }
        try {
            if (reserved.get() < maxKeys) {
                return true;
            }
            List<CircuitBreaker> candidates = new ArrayList<>();
            for (CircuitBreaker child : children.values()) {
                if (child.isEvictable()) {
                    candidates.add(child);
                }
            }
            candidates.sort(Comparator.comparingLong(child -> child.lastAccessMillis));
            int target = Math.max(1, maxKeys / 10);
            int dropped = 0;
            for (CircuitBreaker child : candidates) {
                if (dropped >= target) {
                    break;
                }
                if (child.isEvictable() && children.remove(child.key(), child)) {
                    reserved.decrementAndGet();
                    dropped++;
                }
            }
            return reserved.get() < maxKeys;
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

    /** Drops the idle CLOSED children; the caller holds the housekeeping lock. */
    private int sweep(long now) {
        nextSweepAt = now + Math.max(1, idleMillis / 2);
        int dropped = 0;
        for (CircuitBreaker child : children.values()) {
            if (now - child.lastAccessMillis >= idleMillis && child.isEvictable()
                    && children.remove(child.key(), child)) {
                reserved.decrementAndGet();
                dropped++;
            }
        }
        return dropped;
    }

    CircuitBreaker find(String key) {
        return children.get(key);
    }

    Collection<CircuitBreaker> all() {
        return Collections.unmodifiableCollection(children.values());
    }

    int size() {
        return children.size();
    }
}
