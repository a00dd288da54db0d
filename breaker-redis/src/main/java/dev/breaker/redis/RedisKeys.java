package dev.breaker.redis;

import dev.breaker.core.store.BreakerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the Redis keys and the channel of one store.
 *
 * <p>A breaker's keys all carry one hash tag, so that they live in one slot of a Redis Cluster:
 * the state at {@code <prefix>{<id>}}, the trial permits of a half-open round at
 * {@code <prefix>{<id>}:permits:<round>}, the instances that tripped it at
 * {@code <prefix>{<id>}:trips}. The {@code <id>} is the name, or the name and the key joined by
 * {@code ':'}, each {@linkplain #encode encoded} so that any two Java strings give two ids.
 * An id longer than {@value #MAX_ID_LENGTH} characters is replaced by {@code #} and its SHA-256,
 * so no key grows with the breaker's key; the stored value keeps the full id.
 */
final class RedisKeys {

    /** The longest encoded id used as it is in a key. */
    static final int MAX_ID_LENGTH = 200;

    private final String prefix;
    private final String channel;

    /** @throws IllegalArgumentException if the prefix holds a brace, which would break the hash tags */
    RedisKeys(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("keyPrefix must not contain '{' or '}' (they would change the Redis "
                    + "Cluster hash slot of every key), was " + prefix);
        }
        this.prefix = prefix;
        this.channel = prefix + "transitions";
    }

    /** @return the channel that carries the transitions */
    String channel() {
        return channel;
    }

    /** @return the key that holds a breaker's shared state */
    String stateKey(BreakerId id) {
        return prefix + '{' + bounded(idPart(id)) + '}';
    }

    /** @return the key that counts the trial permits of a half-open round */
    String permitKey(BreakerId id, long round) {
        return stateKey(id) + ":permits:" + round;
    }

    /** @return the key that holds the instances that tripped a breaker within one open wait */
    String tripsKey(BreakerId id) {
        return stateKey(id) + ":trips";
    }

    /** @return the key that lists the state keys in use, for the periodic reconciliation */
    String indexKey() {
        return prefix + "index";
    }

    /** @return the prefix of every key */
    String prefix() {
        return prefix;
    }

    /** @return the breaker's name and key, encoded: never a space, {@code '|'}, brace or {@code ':'} inside a part */
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

    /**
     * Encodes any string, unpaired surrogates included, one-to-one: letters, digits, {@code '.'},
     * {@code '_'} and {@code '-'} stay as they are, every other UTF-16 unit becomes {@code '%'}
     * and four hex digits.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPlain(c)) {
                out.append(c);
            }
            else {
                out.append('%').append(HexFormat.of().toHexDigits(c));
            }
        }
        return out.toString();
    }

    /**
     * Reads back what {@link #encode} wrote.
     * @throws IllegalArgumentException if the text is not encoded
     */
    static String decode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPlain(c)) {
                out.append(c);
            }
            else if (c == '%' && i + 5 <= text.length()) {
                out.append((char) HexFormat.fromHexDigits(text, i + 1, i + 5));
                i += 4;
            }
            else {
                throw new IllegalArgumentException("not an encoded name or key: " + text);
            }
        }
        return out.toString();
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    private static String bounded(String idPart) {
        return idPart.length() <= MAX_ID_LENGTH ? idPart : '#' + sha256(idPart);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
