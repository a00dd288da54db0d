package dev.breaker.redis;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Whether Redis answers and accepts the store's commands, as far as the store knows. An episode
 * of trouble (Redis unreachable, or refusing commands: out of memory, read-only after a failover,
 * not permitted by its ACL) is logged once at WARN when it begins and once at INFO when it ends,
 * however many commands notice in between.
 */
final class Availability {

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());

    /** Where the store stands with Redis. */
    enum Status {
        /** Not yet connected. */
        STARTING,
        /** Redis answers and accepts commands. */
        UP,
        /** Redis does not answer: the connection is lost, or a command ran past its timeout. */
        UNREACHABLE,
        /** Redis answers but refuses the store's commands. */
        REFUSING
    }

    private record Now(Status status, @Nullable String reason) {
    }

    private final AtomicReference<Now> now = new AtomicReference<>(new Now(Status.STARTING, "not connected yet"));
    private final String description;

    /** @param description names the store in log messages */
    Availability(String description) {
        this.description = description;
    }

    boolean isUp() {
        return now().status() == Status.UP;
    }

    Status status() {
        return now().status();
    }

    private Now now() {
        return Objects.requireNonNull(now.get());
    }

    /** @return why the store is degraded, or {@code null} when Redis answers */
    @Nullable String reason() {
        Now current = now();
        return current.status() == Status.UP ? null : current.reason();
    }

    /** @return the status before: {@link Status#UNREACHABLE} or {@link Status#REFUSING} when this ended an episode */
    Status up() {
        Now previous = Objects.requireNonNull(now.getAndSet(new Now(Status.UP, null)));
        switch (previous.status()) {
            case UNREACHABLE -> LOG.log(Level.INFO, "Redis state store {0} is reachable again; breaker transitions "
                    + "are shared again", description);
            case REFUSING -> LOG.log(Level.INFO, "Redis state store {0} accepts commands again; breaker transitions "
                    + "are shared again", description);
            case STARTING -> LOG.log(Level.DEBUG, "Redis state store {0} connected", description);
            case UP -> { }
        }
        return previous.status();
    }

    void unreachable(String what, @Nullable Throwable cause) {
        String reason = what + (cause == null ? "" : ": " + cause);
        if (enter(Status.UNREACHABLE, reason)) {
            LOG.log(Level.WARNING, "Redis state store {0} is unreachable ({1}); breakers work on local state "
                    + "and transitions are not shared until it returns", description, reason);
        }
    }

    void refusing(String what, @Nullable String refusal) {
        String reason = what + " refused: " + refusal;
        if (enter(Status.REFUSING, reason)) {
            LOG.log(Level.WARNING, "Redis state store {0} refuses commands ({1}); breakers work on local state "
                    + "and transitions are not shared until it accepts them again", description, reason);
        }
    }

    /**
     * Records the trouble; within an episode the latest kind and reason count (a cluster that
     * loses a node is first unreachable, then refuses while it reorganises).
     * @return whether this began an episode, which is worth one log line
     */
    private boolean enter(Status status, String reason) {
        Now previous = now.getAndUpdate(current -> current.status() == status ? current : new Now(status, reason));
        return previous.status() == Status.UP || previous.status() == Status.STARTING;
    }
}
