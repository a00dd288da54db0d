package dev.breaker.redis;

import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;

/**
 * The text form of a shared state, as stored and as published. A stored value reads
 * {@code v1|OPEN|<open until>|<failed recoveries>|<changed at>} (epoch milliseconds); a message
 * on the channel reads {@code <instance> <breaker> <value>}, the instance id and the breaker
 * URL-encoded so that neither holds a space.
 */
final class SharedStateFormat {

    private static final String VERSION = "v1";

    private SharedStateFormat() {
    }

    static String value(SharedState state) {
        return VERSION + '|' + state.state().name() + '|' + state.openUntilMillis() + '|' + state.failedRecoveries()
                + '|' + state.changedAtMillis();
    }

    /**
     * Reads a stored value.
     * @throws IllegalArgumentException if the value is not one this version wrote
     */
    static SharedState parseValue(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a shared state: " + text);
        }
        CircuitState state;
        try {
            state = CircuitState.valueOf(parts[1]);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("unknown state " + parts[1] + " in " + text);
        }
        return new SharedState(state, Long.parseLong(parts[2]), Integer.parseInt(parts[3]), Long.parseLong(parts[4]));
    }

    static String message(String instanceId, BreakerId id, SharedState state) {
        return RedisKeys.encode(instanceId) + ' ' + RedisKeys.idPart(id) + ' ' + value(state);
    }

    /**
     * Reads a message from the channel.
     * @throws IllegalArgumentException if it is not one this version wrote
     */
    static Message parseMessage(String text) {
        String[] parts = text.split(" ", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a transition message: " + text);
        }
        return new Message(RedisKeys.decode(parts[0]), RedisKeys.parseIdPart(parts[1]), parseValue(parts[2]));
    }

    /** A transition received from the channel. */
    record Message(String instanceId, BreakerId id, SharedState state) {
    }
}
