package dev.breaker.spring.actuate.endpoint;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.breaker.core.CircuitBreaker;

/**
 * What an operator can do to a circuit breaker through the {@code circuitbreakers} endpoint.
 */
public enum BreakerAction {

    /** Returns the breaker to CLOSED with an empty window and no backoff. */
    RESET("reset") {
        @Override
        void applyTo(CircuitBreaker breaker, @Nullable Duration duration, @Nullable String reason,
                @Nullable String by) {
            breaker.reset();
        }
    },

    /** Opens the breaker until it is reset, or for a while. */
    FORCE_OPEN("force-open") {
        @Override
        void applyTo(CircuitBreaker breaker, @Nullable Duration duration, @Nullable String reason,
                @Nullable String by) {
            breaker.forceOpen(duration, reason, by);
        }
    },

    /** Closes the breaker until it is reset, or for a while. */
    FORCE_CLOSE("force-close") {
        @Override
        void applyTo(CircuitBreaker breaker, @Nullable Duration duration, @Nullable String reason,
                @Nullable String by) {
            breaker.forceClose(duration, reason, by);
        }
    };

    private final String value;

    BreakerAction(String value) {
        this.value = value;
    }

    /**
     * Return the name of this action as requests spell it, for example {@code force-open}.
     * @return the action's name
     */
    public String value() {
        return this.value;
    }

    /**
     * Apply this action.
     * @param breaker the breaker or keyed child
     * @param duration how long a force lasts, or {@code null} until an operator releases it
     * @param reason why, or {@code null}
     * @param by who, or {@code null}
     */
    abstract void applyTo(CircuitBreaker breaker, @Nullable Duration duration, @Nullable String reason,
            @Nullable String by);

    /**
     * Return the action a request names.
     * @param value the action as the request spells it, case-insensitive
     * @return the action, or {@code null} when the value names none
     */
    public static @Nullable BreakerAction from(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (BreakerAction action : values()) {
            if (action.value.equals(normalized)) {
                return action;
            }
        }
        return null;
    }

    /**
     * Return the names of every action, for messages.
     * @return the actions as requests spell them
     */
    public static List<String> valueNames() {
        return Arrays.stream(values()).map(BreakerAction::value).toList();
    }

}
