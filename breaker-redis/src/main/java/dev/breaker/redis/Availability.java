package dev.breaker.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Whether Redis answers, as far as the store knows. Going down is logged once at WARN and coming
 * back once at INFO, however many calls notice in between.
 */
final class Availability {

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());

    private enum Status { STARTING, UP, DOWN }

    private final AtomicReference<Status> status = new AtomicReference<>(Status.STARTING);
    private final String description;

    /** @param description names the store in log messages */
    Availability(String description) {
        this.description = description;
    }

    boolean isUp() {
        return status.get() == Status.UP;
    }

    void up() {
        Status previous = status.getAndSet(Status.UP);
        if (previous == Status.DOWN) {
            LOG.log(Level.INFO, "Redis state store {0} is reachable again; breaker transitions are shared again",
                    description);
        }
        else if (previous == Status.STARTING) {
            LOG.log(Level.DEBUG, "Redis state store {0} connected", description);
        }
    }

    void down(String what, @Nullable Throwable cause) {
        Status previous = status.getAndSet(Status.DOWN);
        if (previous != Status.DOWN) {
            String reason = cause == null ? "" : ": " + cause;
            LOG.log(Level.WARNING, "Redis state store {0} is unreachable ({1}{2}); breakers work on local state "
                    + "and transitions are not shared until it returns", description, what, reason);
        }
    }
}
