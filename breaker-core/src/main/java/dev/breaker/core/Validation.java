package dev.breaker.core;

import java.time.Duration;

/** Shared checks for configuration values. */
final class Validation {

    private Validation() {
    }

    static void positive(String property, Duration value) {
        if (value == null) {
            throw new InvalidConfigException(property, null, "must be set to a positive duration");
        }
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(property, value, "must be a positive duration");
        }
    }

    static void positiveOrUnset(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidConfigException(property, value, "must be a positive duration, or unset to turn it off");
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
