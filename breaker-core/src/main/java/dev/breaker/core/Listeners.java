package dev.breaker.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of a breaker, chained to its registry's. Copy-on-write, so that dispatch reads
 * one array and takes no lock. A listener that throws (an {@code Error} too, except one of the
 * JVM itself such as {@code OutOfMemoryError}) is logged (WARN the first time, DEBUG
 * afterwards, so that a broken listener on a busy breaker does not flood the log) and skipped.
 */
final class Listeners {

    private static final Logger LOG = System.getLogger(CircuitBreaker.class.getName());
    private static final CircuitBreakerListener[] NO_LISTENERS = {};

    /** No listeners, for breakers built without any; never added to. */
    static final Listeners NONE = new Listeners(null);

    private final @Nullable Listeners parent;
    private volatile CircuitBreakerListener[] listeners = NO_LISTENERS;
    private volatile boolean warned;

    Listeners(@Nullable Listeners parent) {
        this.parent = parent;
    }

    synchronized void add(CircuitBreakerListener listener) {
        Objects.requireNonNull(listener, "listener");
        CircuitBreakerListener[] current = listeners;
        CircuitBreakerListener[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = listener;
        listeners = next;
    }

    boolean isEmpty() {
        return listeners.length == 0 && (parent == null || parent.isEmpty());
    }

    void transition(StateTransition transition) {
        for (CircuitBreakerListener listener : listeners) {
            try {
                listener.onStateTransition(transition);
            }
            catch (Throwable ex) {
                failed(listener, ex);
            }
        }
        if (parent != null) {
            parent.transition(transition);
        }
    }

    void outcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos, @Nullable Throwable error) {
        for (CircuitBreakerListener listener : listeners) {
            try {
                listener.onCallOutcome(breaker, outcome, durationNanos, error);
            }
            catch (Throwable ex) {
                failed(listener, ex);
            }
        }
        if (parent != null) {
            parent.outcome(breaker, outcome, durationNanos, error);
        }
    }

    void reconfigured(BreakerReconfiguredEvent event) {
        for (CircuitBreakerListener listener : listeners) {
            try {
                listener.onReconfigured(event);
            }
            catch (Throwable ex) {
                failed(listener, ex);
            }
        }
        if (parent != null) {
            parent.reconfigured(event);
        }
    }

    /** Logs a listener's failure; only an error of the JVM itself (out of memory) goes on. */
    private void failed(CircuitBreakerListener listener, Throwable ex) {
        if (ex instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        Level level = warned ? Level.DEBUG : Level.WARNING;
        warned = true;
        LOG.log(level, "Circuit breaker listener " + listener + " failed; the call is not affected", ex);
    }
}
