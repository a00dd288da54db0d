package dev.breaker.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The immutable configuration of a circuit breaker. {@link Builder#build()} validates every
 * value and rejects combinations that can never behave as written, with an
 * {@link InvalidConfigException} naming the setting, the value and what is allowed.
 *
 * <p>Setting names in messages and in {@link #toMap()} are the kebab-case names of the
 * Spring Boot properties ({@code failure-rate-threshold}, {@code half-open.permitted-calls}).
 */
public final class CircuitBreakerConfig {

    /** The largest count window. */
    public static final int MAX_COUNT_WINDOW = 1_000_000;

    private static final CircuitBreakerConfig DEFAULTS = builder().build();

    private final double failureRateThreshold;
    private final int minimumCalls;
    private final int consecutiveFailuresThreshold;
    private final SlidingWindowType slidingWindowType;
    private final int slidingWindowSize;
    private final Duration slidingWindowDuration;
    private final @Nullable Duration slowCallDuration;
    private final double slowCallRateThreshold;
    private final @Nullable Duration callTimeout;
    private final Duration waitInOpen;
    private final double backoffMultiplier;
    private final Duration backoffMaxWait;
    private final double backoffJitter;
    private final int halfOpenPermittedCalls;
    private final int halfOpenSuccessThreshold;
    private final Duration halfOpenMaxWait;
    private final List<Class<? extends Throwable>> recordExceptions;
    private final List<Class<? extends Throwable>> ignoreExceptions;
    private final RetryConfig retry;
    private final int maxKeys;
    private final Duration keyIdleExpiry;
    private final boolean healthCritical;
    private final BreakerMode mode;
    private final boolean retryAfterHonoured;
    private final boolean retryAfterOpensImmediately;

    private CircuitBreakerConfig(Builder b) {
        this.failureRateThreshold = b.failureRateThreshold;
        this.minimumCalls = b.minimumCalls;
        this.consecutiveFailuresThreshold = b.consecutiveFailuresThreshold;
        this.slidingWindowType = b.slidingWindowType;
        this.slidingWindowSize = b.slidingWindowSize;
        this.slidingWindowDuration = b.slidingWindowDuration;
        this.slowCallDuration = b.slowCallDuration;
        this.slowCallRateThreshold = b.slowCallRateThreshold;
        this.callTimeout = b.callTimeout;
        this.waitInOpen = b.waitInOpen;
        this.backoffMultiplier = b.backoffMultiplier;
        this.backoffMaxWait = b.backoffMaxWait;
        this.backoffJitter = b.backoffJitter;
        this.halfOpenPermittedCalls = b.halfOpenPermittedCalls;
        this.halfOpenSuccessThreshold = b.halfOpenSuccessThreshold;
        this.halfOpenMaxWait = b.halfOpenMaxWait;
        this.recordExceptions = List.copyOf(b.recordExceptions);
        this.ignoreExceptions = List.copyOf(b.ignoreExceptions);
        this.retry = b.retry;
        this.maxKeys = b.maxKeys;
        this.keyIdleExpiry = b.keyIdleExpiry;
        this.healthCritical = b.healthCritical;
        this.mode = b.mode;
        this.retryAfterHonoured = b.retryAfterHonoured;
        this.retryAfterOpensImmediately = b.retryAfterOpensImmediately;
    }

    /** @return the defaults of DESIGN.md: 50% over the last 100 calls, minimum 10, 30s open */
    public static CircuitBreakerConfig defaults() {
        return DEFAULTS;
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from this configuration, to derive another */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the failure rate (0 to 1) at or above which the breaker trips */
    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    /** @return how many calls the window must hold before a rate can trip the breaker */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** @return failures in a row that trip the breaker; 0 when this condition is off */
    public int consecutiveFailuresThreshold() {
        return consecutiveFailuresThreshold;
    }

    /** @return whether the window counts calls or time */
    public SlidingWindowType slidingWindowType() {
        return slidingWindowType;
    }

    /** @return the number of calls in a count window */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** @return the period of a time window */
    public Duration slidingWindowDuration() {
        return slidingWindowDuration;
    }

    /** @return the duration above which a call is slow, or {@code null} when slow calls are not tracked */
    public @Nullable Duration slowCallDuration() {
        return slowCallDuration;
    }

    /** @return the slow-call rate (0 to 1) at or above which the breaker trips */
    public double slowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    /** @return the longest a call may run, or {@code null} for no timeout */
    public @Nullable Duration callTimeout() {
        return callTimeout;
    }

    /** @return how long the breaker stays open after it trips, before backoff */
    public Duration waitInOpen() {
        return waitInOpen;
    }

    /** @return what the open wait is multiplied by after each failed recovery */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** @return the longest open wait */
    public Duration backoffMaxWait() {
        return backoffMaxWait;
    }

    /** @return the random spread of the open wait, as a fraction of it */
    public double backoffJitter() {
        return backoffJitter;
    }

    /** @return how many trial calls may be in flight at once while half-open */
    public int halfOpenPermittedCalls() {
        return halfOpenPermittedCalls;
    }

    /** @return how many successful trial calls close the breaker */
    public int halfOpenSuccessThreshold() {
        return halfOpenSuccessThreshold;
    }

    /** @return how long a half-open breaker may stay undecided after its first trial call */
    public Duration halfOpenMaxWait() {
        return halfOpenMaxWait;
    }

    /** @return the exceptions that count as failures; empty means every exception does */
    public List<Class<? extends Throwable>> recordExceptions() {
        return recordExceptions;
    }

    /** @return the exceptions that count neither as success nor as failure */
    public List<Class<? extends Throwable>> ignoreExceptions() {
        return ignoreExceptions;
    }

    /** @return the retry applied by {@link Retry#of(CircuitBreaker)} */
    public RetryConfig retry() {
        return retry;
    }

    /** @return the most keyed children a breaker holds */
    public int maxKeys() {
        return maxKeys;
    }

    /** @return how long a CLOSED keyed child may stay unused before it is dropped */
    public Duration keyIdleExpiry() {
        return keyIdleExpiry;
    }

    /** @return whether this breaker being OPEN makes the application unhealthy */
    public boolean healthCritical() {
        return healthCritical;
    }

    /** @return whether the breaker enforces its decisions or only counts what it would have rejected */
    public BreakerMode mode() {
        return mode;
    }

    /** @return whether a failure's retry hint ({@link RetryAfterExtractor}) stretches the open wait that follows */
    public boolean retryAfterHonoured() {
        return retryAfterHonoured;
    }

    /** @return whether the first failure carrying a retry hint opens the breaker at once, for that long */
    public boolean retryAfterOpensImmediately() {
        return retryAfterOpensImmediately;
    }

    /**
     * The one rule for what a throwable from a protected call means; the breaker's counts,
     * {@link Retry} and the starter's fallbacks all follow it. A {@link CircuitOpenException}
     * is a rejection and a {@link CallTimeoutException} a timeout; otherwise an exception in
     * {@code ignore-exceptions} is ignored, one outside a set {@code record-exceptions} counts as
     * a success, and every other one, an {@code Error} too, is a failure.
     * @param error what the call threw
     * @return {@link CallOutcome#REJECTED}, {@link CallOutcome#TIMEOUT}, {@link CallOutcome#IGNORED},
     *         {@link CallOutcome#FAILURE} or {@link CallOutcome#SUCCESS}
     */
    public CallOutcome classify(Throwable error) {
        if (error instanceof CircuitOpenException) {
            return CallOutcome.REJECTED;
        }
        if (error instanceof CallTimeoutException) {
            return CallOutcome.TIMEOUT;
        }
        if (isAnyOf(error, ignoreExceptions)) {
            return CallOutcome.IGNORED;
        }
        if (error instanceof Error || recordExceptions.isEmpty() || isAnyOf(error, recordExceptions)) {
            return CallOutcome.FAILURE;
        }
        return CallOutcome.SUCCESS;
    }

    /**
     * Whether another attempt may answer a throwable: a failure or a timeout, never an
     * {@code Error} (the JVM's trouble, not the downstream's), never a rejection (retrying into
     * an OPEN breaker only adds load), never what the breaker ignores or counts as a success.
     * @param error what the call threw
     * @return whether to retry it, attempts allowing
     */
    public boolean isRetryable(Throwable error) {
        CallOutcome outcome = classify(error);
        return outcome == CallOutcome.TIMEOUT || outcome == CallOutcome.FAILURE && !(error instanceof Error);
    }

    /**
     * Whether a fallback answers a throwable: a rejection, or what {@link #isRetryable} retries.
     * @param error what the call threw
     * @return whether to call the fallback
     */
    public boolean fallsBack(Throwable error) {
        return error instanceof CircuitOpenException || isRetryable(error);
    }

    private static boolean isAnyOf(Throwable error, List<Class<? extends Throwable>> types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The effective settings under their property names, for display.
     * @return an ordered map of kebab-case names to values (durations as ISO-8601 strings)
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("failure-rate-threshold", failureRateThreshold);
        map.put("minimum-calls", minimumCalls);
        map.put("consecutive-failures-threshold", consecutiveFailuresThreshold);
        map.put("sliding-window.type", slidingWindowType.name().toLowerCase(java.util.Locale.ROOT));
        map.put("sliding-window.size", slidingWindowType == SlidingWindowType.COUNT ? slidingWindowSize
                : slidingWindowDuration.toString());
        map.put("slow-call-duration", slowCallDuration == null ? null : slowCallDuration.toString());
        map.put("slow-call-rate-threshold", slowCallRateThreshold);
        map.put("call-timeout", callTimeout == null ? null : callTimeout.toString());
        map.put("wait-in-open", waitInOpen.toString());
        map.put("backoff.multiplier", backoffMultiplier);
        map.put("backoff.max-wait", backoffMaxWait.toString());
        map.put("backoff.jitter", backoffJitter);
        map.put("half-open.permitted-calls", halfOpenPermittedCalls);
        map.put("half-open.success-threshold", halfOpenSuccessThreshold);
        map.put("half-open.max-wait", halfOpenMaxWait.toString());
        map.put("record-exceptions", recordExceptions.stream().map(Class::getName).toList());
        map.put("ignore-exceptions", ignoreExceptions.stream().map(Class::getName).toList());
        map.put("retry.max-attempts", retry.maxAttempts());
        map.put("retry.initial-backoff", retry.initialBackoff().toString());
        map.put("retry.multiplier", retry.multiplier());
        map.put("retry.max-backoff", retry.maxBackoff().toString());
        map.put("retry.jitter", retry.jitter());
        map.put("keys.max-keys", maxKeys);
        map.put("keys.idle-expiry", keyIdleExpiry.toString());
        map.put("health-critical", healthCritical);
        map.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        map.put("retry-after.honour", retryAfterHonoured);
        map.put("retry-after.open-immediately", retryAfterOpensImmediately);
        return map;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CircuitBreakerConfig other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "CircuitBreakerConfig" + toMap();
    }

    /** Builds a {@link CircuitBreakerConfig}; every setter returns the builder. */
    public static final class Builder {

        private double failureRateThreshold = 0.5;
        private int minimumCalls = 10;
        private int consecutiveFailuresThreshold;
        private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT;
        private int slidingWindowSize = 100;
        private Duration slidingWindowDuration = Duration.ofSeconds(60);
        private @Nullable Duration slowCallDuration;
        private double slowCallRateThreshold = 1.0;
        private @Nullable Duration callTimeout;
        private Duration waitInOpen = Duration.ofSeconds(30);
        private double backoffMultiplier = 1.5;
        private Duration backoffMaxWait = Duration.ofHours(1);
        private double backoffJitter = 0.1;
        private int halfOpenPermittedCalls = 3;
        private int halfOpenSuccessThreshold = 2;
        private Duration halfOpenMaxWait = Duration.ofSeconds(60);
        private List<Class<? extends Throwable>> recordExceptions = new ArrayList<>();
        private List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();
        private RetryConfig retry = RetryConfig.NONE;
        private int maxKeys = 10_000;
        private Duration keyIdleExpiry = Duration.ofMinutes(10);
        private boolean healthCritical;
        private BreakerMode mode = BreakerMode.ENFORCE;
        private boolean retryAfterHonoured = true;
        private boolean retryAfterOpensImmediately;

        private Builder() {
        }

        private Builder(CircuitBreakerConfig c) {
            failureRateThreshold = c.failureRateThreshold;
            minimumCalls = c.minimumCalls;
            consecutiveFailuresThreshold = c.consecutiveFailuresThreshold;
            slidingWindowType = c.slidingWindowType;
            slidingWindowSize = c.slidingWindowSize;
            slidingWindowDuration = c.slidingWindowDuration;
            slowCallDuration = c.slowCallDuration;
            slowCallRateThreshold = c.slowCallRateThreshold;
            callTimeout = c.callTimeout;
            waitInOpen = c.waitInOpen;
            backoffMultiplier = c.backoffMultiplier;
            backoffMaxWait = c.backoffMaxWait;
            backoffJitter = c.backoffJitter;
            halfOpenPermittedCalls = c.halfOpenPermittedCalls;
            halfOpenSuccessThreshold = c.halfOpenSuccessThreshold;
            halfOpenMaxWait = c.halfOpenMaxWait;
            recordExceptions = new ArrayList<>(c.recordExceptions);
            ignoreExceptions = new ArrayList<>(c.ignoreExceptions);
            retry = c.retry;
            maxKeys = c.maxKeys;
            keyIdleExpiry = c.keyIdleExpiry;
            healthCritical = c.healthCritical;
            mode = c.mode;
            retryAfterHonoured = c.retryAfterHonoured;
            retryAfterOpensImmediately = c.retryAfterOpensImmediately;
        }

        /** @param threshold failure rate that trips the breaker, 0 (exclusive) to 1 @return this builder */
        public Builder failureRateThreshold(double threshold) {
            this.failureRateThreshold = threshold;
            return this;
        }

        /** @param calls calls the window must hold before a rate can trip the breaker @return this builder */
        public Builder minimumCalls(int calls) {
            this.minimumCalls = calls;
            return this;
        }

        /** @param failures failures in a row that trip the breaker; 0 turns it off @return this builder */
        public Builder consecutiveFailuresThreshold(int failures) {
            this.consecutiveFailuresThreshold = failures;
            return this;
        }

        /** @param calls use a count window of this many calls @return this builder */
        public Builder countWindow(int calls) {
            this.slidingWindowType = SlidingWindowType.COUNT;
            this.slidingWindowSize = calls;
            return this;
        }

        /** @param period use a time window of this period @return this builder */
        public Builder timeWindow(Duration period) {
            this.slidingWindowType = SlidingWindowType.TIME;
            this.slidingWindowDuration = period;
            return this;
        }

        /** @param duration calls slower than this are slow; {@code null} turns it off @return this builder */
        public Builder slowCallDuration(@Nullable Duration duration) {
            this.slowCallDuration = duration;
            return this;
        }

        /** @param threshold slow-call rate that trips the breaker, 0 (exclusive) to 1 @return this builder */
        public Builder slowCallRateThreshold(double threshold) {
            this.slowCallRateThreshold = threshold;
            return this;
        }

        /** @param timeout the longest a call may run; {@code null} for none @return this builder */
        public Builder callTimeout(@Nullable Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** @param wait how long the breaker stays open after it trips @return this builder */
        public Builder waitInOpen(Duration wait) {
            this.waitInOpen = wait;
            return this;
        }

        /** @param multiplier what the open wait is multiplied by per failed recovery, at least 1 @return this builder */
        public Builder backoffMultiplier(double multiplier) {
            this.backoffMultiplier = multiplier;
            return this;
        }

        /** @param maxWait the longest open wait @return this builder */
        public Builder backoffMaxWait(Duration maxWait) {
            this.backoffMaxWait = maxWait;
            return this;
        }

        /** @param jitter random spread of the open wait, 0 to 1 @return this builder */
        public Builder backoffJitter(double jitter) {
            this.backoffJitter = jitter;
            return this;
        }

        /** @param calls trial calls in flight at once while half-open @return this builder */
        public Builder halfOpenPermittedCalls(int calls) {
            this.halfOpenPermittedCalls = calls;
            return this;
        }

        /** @param successes successful trial calls that close the breaker @return this builder */
        public Builder halfOpenSuccessThreshold(int successes) {
            this.halfOpenSuccessThreshold = successes;
            return this;
        }

        /** @param maxWait how long half-open may stay undecided after its first trial @return this builder */
        public Builder halfOpenMaxWait(Duration maxWait) {
            this.halfOpenMaxWait = maxWait;
            return this;
        }

        /** @param types exceptions (and subclasses) that count as failures; none means all @return this builder */
        @SafeVarargs
        public final Builder recordExceptions(Class<? extends Throwable>... types) {
            return recordExceptions(listOf(types));
        }

        /** @param types exceptions (and subclasses) that count as failures; empty means all @return this builder */
        public Builder recordExceptions(List<Class<? extends Throwable>> types) {
            this.recordExceptions = new ArrayList<>(types);
            return this;
        }

        /** @param types exceptions (and subclasses) counted neither way @return this builder */
        @SafeVarargs
        public final Builder ignoreExceptions(Class<? extends Throwable>... types) {
            return ignoreExceptions(listOf(types));
        }

        /** Copies the elements, so the varargs array itself never leaves the method that received it. */
        @SafeVarargs
        private static List<Class<? extends Throwable>> listOf(Class<? extends Throwable>... types) {
            List<Class<? extends Throwable>> list = new ArrayList<>(types.length);
            for (Class<? extends Throwable> type : types) {
                list.add(type);
            }
            return list;
        }

        /** @param types exceptions (and subclasses) counted neither way @return this builder */
        public Builder ignoreExceptions(List<Class<? extends Throwable>> types) {
            this.ignoreExceptions = new ArrayList<>(types);
            return this;
        }

        /** @param retry the retry to compose with the breaker @return this builder */
        public Builder retry(RetryConfig retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** @param maxKeys the most keyed children a breaker holds @return this builder */
        public Builder maxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
            return this;
        }

        /** @param idleExpiry how long a CLOSED keyed child may stay unused @return this builder */
        public Builder keyIdleExpiry(Duration idleExpiry) {
            this.keyIdleExpiry = idleExpiry;
            return this;
        }

        /** @param critical whether this breaker being OPEN makes the application unhealthy @return this builder */
        public Builder healthCritical(boolean critical) {
            this.healthCritical = critical;
            return this;
        }

        /**
         * @param mode {@link BreakerMode#ENFORCE} to reject calls, {@link BreakerMode#SHADOW} to run
         *        every call and count what would have been rejected
         * @return this builder
         */
        public Builder mode(BreakerMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** @param honour whether a failure's retry hint stretches the open wait that follows @return this builder */
        public Builder retryAfterHonoured(boolean honour) {
            this.retryAfterHonoured = honour;
            return this;
        }

        /** @param immediately whether the first failure carrying a retry hint opens the breaker @return this builder */
        public Builder retryAfterOpensImmediately(boolean immediately) {
            this.retryAfterOpensImmediately = immediately;
            return this;
        }

        /**
         * Validates and builds the configuration.
         * @return the configuration
         * @throws InvalidConfigException naming the first setting that can never behave as written
         */
        public CircuitBreakerConfig build() {
            Validation.fraction("failure-rate-threshold", failureRateThreshold, false);
            Validation.atLeast("minimum-calls", minimumCalls, 1);
            Validation.atLeast("consecutive-failures-threshold", consecutiveFailuresThreshold, 0);
            if (slidingWindowType == null) {
                throw new InvalidConfigException("sliding-window.type", null, "must be 'count' or 'time'");
            }
            if (slidingWindowType == SlidingWindowType.COUNT) {
                if (slidingWindowSize < 1 || slidingWindowSize > MAX_COUNT_WINDOW) {
                    throw new InvalidConfigException("sliding-window.size", slidingWindowSize,
                            "must be a number of calls from 1 to " + MAX_COUNT_WINDOW + " for a count window");
                }
                if (minimumCalls > slidingWindowSize) {
                    throw new InvalidConfigException("minimum-calls", minimumCalls,
                            "must not exceed the count window's size (" + slidingWindowSize
                                    + "), or the breaker could never trip on a rate");
                }
            }
            else {
                Validation.wait("sliding-window.size", slidingWindowDuration);
            }
            Validation.durationOrUnset("slow-call-duration", slowCallDuration);
            Validation.fraction("slow-call-rate-threshold", slowCallRateThreshold, false);
            Validation.durationOrUnset("call-timeout", callTimeout);
            Validation.wait("wait-in-open", waitInOpen);
            if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
                throw new InvalidConfigException("backoff.multiplier", backoffMultiplier, "must be a number of at least 1");
            }
            Validation.wait("backoff.max-wait", backoffMaxWait);
            if (waitInOpen.compareTo(backoffMaxWait) > 0) {
                throw new InvalidConfigException("wait-in-open", waitInOpen,
                        "must not be longer than backoff.max-wait (" + backoffMaxWait + ")");
            }
            Validation.fraction("backoff.jitter", backoffJitter, true);
            Validation.atLeast("half-open.permitted-calls", halfOpenPermittedCalls, 1);
            Validation.atLeast("half-open.success-threshold", halfOpenSuccessThreshold, 1);
            Validation.wait("half-open.max-wait", halfOpenMaxWait);
            checkTypes("record-exceptions", recordExceptions);
            checkTypes("ignore-exceptions", ignoreExceptions);
            Validation.atLeast("keys.max-keys", maxKeys, 1);
            Validation.wait("keys.idle-expiry", keyIdleExpiry);
            return new CircuitBreakerConfig(this);
        }

        private static void checkTypes(String property, List<Class<? extends Throwable>> types) {
            for (Class<? extends Throwable> type : types) {
                if (type == null) {
                    throw new InvalidConfigException(property, null, "must list exception classes, not null");
                }
            }
        }
    }
}
