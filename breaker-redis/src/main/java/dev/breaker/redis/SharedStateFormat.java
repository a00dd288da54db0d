package dev.breaker.redis;

import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import org.jspecify.annotations.Nullable;

/**
 * The text form of a shared state, as stored and as published.
 * {@code v2|OPEN|<open until>|<failed recoveries>|<changed at>|<id>} (epoch milliseconds; the id
 * {@linkplain RedisKeys#idPart encoded} in full, also when the key holds only its hash); a
 * message on the channel reads {@code <instance> <value>}, the instance id encoded the same way.
 */
final class SharedStateFormat {

    private static final String VERSION = "v2";

    /** What stands for no reason or no operator name: a character {@link RedisKeys#encode} never leaves as it is. */
    private static final String NONE = "~";

    private SharedStateFormat() {
    }

    static String value(BreakerId id, SharedState state) {
        return VERSION + '|' + state.state().name() + '|' + state.openUntilMillis() + '|' + state.failedRecoveries()
                + '|' + state.changedAtMillis() + '|' + RedisKeys.idPart(id) + '|' + optional(state.reason()) + '|'
                + optional(state.by());
    }

    private static String optional(@Nullable String text) {
        return text == null ? NONE : RedisKeys.encode(text);
    }

    private static @Nullable String optional(String[] parts, int index) {
        return parts.length <= index || NONE.equals(parts[index]) ? null : RedisKeys.decode(parts[index]);
    }

    /**
     * Reads a stored value.
     * @throws IllegalArgumentException if the value is not one this version wrote
     */
    static Stored parseValue(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 6 && parts.length != 8 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a shared state: " + text);
        }
        CircuitState state;
        try {
            state = CircuitState.valueOf(parts[1]);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("unknown state " + parts[1] + " in " + text);
        }
        SharedState shared = new SharedState(state, Long.parseLong(parts[2]), Integer.parseInt(parts[3]),
                Long.parseLong(parts[4]), optional(parts, 6), optional(parts, 7));
        return new Stored(RedisKeys.parseIdPart(parts[5]), shared);
    }

    static String message(String instanceId, BreakerId id, SharedState state) {
        return RedisKeys.encode(instanceId) + ' ' + value(id, state);
    }

    /**
     * Reads a message from the channel.
     * @throws IllegalArgumentException if it is not one this version wrote
     */
    static Message parseMessage(String text) {
        String[] parts = text.split(" ", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a transition message: " + text);
        }
        Stored stored = parseValue(parts[1]);
        return new Message(RedisKeys.decode(parts[0]), stored.id(), stored.state());
    }

    /** A value read from Redis: the breaker it belongs to and its state. */
    record Stored(BreakerId id, SharedState state) {
    }

    /** A transition received from the channel. */
    record Message(String instanceId, BreakerId id, SharedState state) {
    }
}
