package dev.breaker.redis;

import dev.breaker.core.store.BreakerId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Names the Redis keys and the channel of one store. A breaker's state lives at
 * {@code <prefix><name>}, a keyed child's at {@code <prefix><name>:<key>}; the name and the key
 * are URL-encoded, so that neither can hold a {@code ':'} and no two breakers share a key.
 * Trial permits live at {@code <state key>|permits|<round>}: the {@code '|'} cannot appear in an
 * encoded part either.
 */
final class RedisKeys {

    private static final String PERMITS = "|permits|";

    private final String prefix;
    private final String channel;

    RedisKeys(String prefix) {
        this.prefix = prefix;
        this.channel = prefix + "transitions";
    }

    /** @return the channel that carries the transitions */
    String channel() {
        return channel;
    }

    /** @return the key that holds a breaker's shared state */
    String stateKey(BreakerId id) {
        return prefix + idPart(id);
    }

    /** @return the key that counts the trial permits of a half-open round */
    String permitKey(BreakerId id, long round) {
        return prefix + idPart(id) + PERMITS + round;
    }

    /** @return the breaker's name and key, encoded */
    static String idPart(BreakerId id) {
        String name = encode(id.name());
        return id.key() == null ? name : name + ':' + encode(id.key());
    }

    /**
     * Reads back what {@link #idPart} wrote.
     * @throws IllegalArgumentException if the text is not an encoded id
     */
    static BreakerId parseIdPart(String text) {
        int colon = text.indexOf(':');
        if (text.isEmpty() || colon == 0 || text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("not a breaker id: " + text);
        }
        return colon < 0 ? new BreakerId(decode(text), null)
                : new BreakerId(decode(text.substring(0, colon)), decode(text.substring(colon + 1)));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
