package dev.breaker.core.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names a breaker in a state store: its name, and its key for a keyed child.
 *
 * @param name the breaker's name
 * @param key the keyed child's key, or {@code null} for the named breaker itself
 */
public record BreakerId(String name, @Nullable String key) {

    /** Checks the name. */
    public BreakerId {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return key == null ? name : name + "[" + key + "]";
    }
}
