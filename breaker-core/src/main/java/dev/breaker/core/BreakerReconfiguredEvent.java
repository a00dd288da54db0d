package dev.breaker.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named breaker took a new configuration, with its keyed children: its state, retry time,
 * backoff step, half-open permits and lifetime statistics stayed as they were.
 *
 * @param breakerName the breaker
 * @param previous the configuration it had
 * @param current the configuration it has now
 * @param changes each changed setting by property name, with its old and new value
 * @param windowReset whether the window type or size changed, so that the window started empty
 * @param at when the new configuration took effect
 */
public record BreakerReconfiguredEvent(String breakerName, CircuitBreakerConfig previous,
        CircuitBreakerConfig current, Map<String, Change> changes, boolean windowReset, Instant at) {

    /**
     * One changed setting.
     * @param previous its old value, as {@link CircuitBreakerConfig#toMap()} shows it
     * @param current its new value
     */
    public record Change(@Nullable Object previous, @Nullable Object current) {
    }

    /** Copies the changes. */
    public BreakerReconfiguredEvent {
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** @return the settings that differ between two configurations, in property order */
    static Map<String, Change> changes(CircuitBreakerConfig previous, CircuitBreakerConfig current) {
        Map<String, @Nullable Object> before = previous.toMap();
        Map<String, @Nullable Object> after = current.toMap();
        Map<String, Change> changes = new LinkedHashMap<>();
        after.forEach((property, value) -> {
            if (!Objects.equals(before.get(property), value)) {
                changes.put(property, new Change(before.get(property), value));
            }
        });
        return changes;
    }
}
