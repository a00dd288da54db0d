package dev.breaker.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded retry with exponential backoff and jitter, immutable. Built with {@link #builder()};
 * {@link Builder#build()} rejects values that can never behave as written.
 *
 * @param maxAttempts how many times a call is tried in all; 1 means no retry
 * @param initialBackoff the wait before the second attempt
 * @param multiplier what each further wait is multiplied by
 * @param maxBackoff the longest wait between attempts
 * @param jitter the random spread of each wait, as a fraction of it (0 to 1)
 */
public record RetryConfig(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
        double jitter) {

    /** No retry: one attempt. */
    public static final RetryConfig NONE = builder().build();

    /** Validates the values; see {@link Builder#build()}. */
    public RetryConfig {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new InvalidConfigException("retry.max-attempts", maxAttempts, "must be at least 1 (1 means no retry)");
        }
        Validation.positive("retry.initial-backoff", initialBackoff);
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new InvalidConfigException("retry.multiplier", multiplier, "must be a number of at least 1");
        }
        Validation.positive("retry.max-backoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidConfigException("retry.max-backoff", maxBackoff,
                    "must not be shorter than retry.initial-backoff (" + initialBackoff + ")");
        }
        Validation.fraction("retry.jitter", jitter, true);
    }

    /** @return a builder with the defaults: 1 attempt, 100ms initial backoff, x2, at most 5s, 20% jitter */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from this configuration */
    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).initialBackoff(initialBackoff).multiplier(multiplier)
            .maxBackoff(maxBackoff).jitter(jitter);
    }

    /**
     * The wait before an attempt, without jitter.
     * @param attempt the attempt that follows the wait, 2 for the first retry
     * @return the wait, capped at {@link #maxBackoff()}
     */
    public Duration backoffBefore(int attempt) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return Duration.ofNanos((long) Math.min(nanos, maxBackoff.toNanos()));
    }

    /** Builds a {@link RetryConfig}. */
    public static final class Builder {

        private int maxAttempts = 1;
        private Duration initialBackoff = Duration.ofMillis(100);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private double jitter = 0.2;

        private Builder() {
        }

        /** @param maxAttempts how many times a call is tried in all; 1 means no retry @return this builder */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** @param initialBackoff the wait before the second attempt @return this builder */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** @param multiplier what each further wait is multiplied by @return this builder */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** @param maxBackoff the longest wait between attempts @return this builder */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** @param jitter the random spread of each wait, a fraction from 0 to 1 @return this builder */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /**
         * Validates and builds the configuration.
         * @return the configuration
         * @throws InvalidConfigException if a value can never behave as written
         */
        public RetryConfig build() {
            return new RetryConfig(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter);
        }
    }
}
