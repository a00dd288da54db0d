package dev.breaker.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Shared checks for configuration values. */
final class Validation {

    /** The longest duration any setting takes: longer ones would only overflow time arithmetic. */
    static final Duration LONGEST = Duration.ofDays(365);

    private Validation() {
    }

    /**
     * A duration the engine counts in milliseconds: from 1ms, since a shorter one would be zero
     * (a breaker that never recovers, a child dropped before it can trip), to 365 days.
     */
    static void wait(String property, @Nullable Duration value) {
        if (value == null) {
            throw new InvalidConfigException(property, null, "must be set to a duration from 1ms to 365d");
        }
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(LONGEST) > 0) {
            throw new InvalidConfigException(property, value, "must be a duration from 1ms to 365d");
        }
    }

    /** A duration measured in nanoseconds that must be set: positive, at most 365 days. */
    static void positive(String property, @Nullable Duration value) {
        if (value == null) {
            throw new InvalidConfigException(property, null, "must be set to a positive duration");
        }
        durationOrUnset(property, value);
    }

    /** A duration measured in nanoseconds, or unset to turn its feature off: positive, at most 365 days. */
    static void durationOrUnset(String property, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0)) {
            throw new InvalidConfigException(property, value,
                    "must be a positive duration of at most 365d, or unset to turn it off");
        }
    }

    static void fraction(String property, double value, boolean zeroAllowed) {
        boolean ok = zeroAllowed ? value >= 0.0 && value <= 1.0 : value > 0.0 && value <= 1.0;
        if (!ok) {
            throw new InvalidConfigException(property, value, zeroAllowed
                    ? "must be a fraction between 0 and 1 (for example 0.1 for 10%)"
                    : "must be a fraction between 0 (exclusive) and 1 (inclusive), for example 0.5 for 50%");
        }
    }

    static void atLeast(String property, long value, long min) {
        if (value < min) {
            throw new InvalidConfigException(property, value, "must be at least " + min);
        }
    }
}
