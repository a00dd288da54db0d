package dev.breaker.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import dev.breaker.core.BreakerMode;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one circuit breaker, as bound from {@code breaker.defaults} or
 * {@code breaker.instances.<name>}. Every value is {@code null} until configured, so that an
 * instance inherits from the defaults exactly what it does not set; the values that apply when
 * nothing is set are those of {@link dev.breaker.core.CircuitBreakerConfig#defaults()}.
 */
public class BreakerSettings {

    /**
     * Failure rate, a fraction between 0 (exclusive) and 1, at or above which the breaker
     * opens once the window holds minimum-calls calls.
     */
    private @Nullable Double failureRateThreshold;

    /**
     * Calls the sliding window must hold before a failure or slow-call rate can open the
     * breaker.
     */
    private @Nullable Integer minimumCalls;

    /**
     * Failures in a row that open the breaker; 0 turns this condition off.
     */
    private @Nullable Integer consecutiveFailuresThreshold;

    /**
     * The window of recent calls that rates are measured over.
     */
    private final SlidingWindow slidingWindow = new SlidingWindow();

    /**
     * Duration above which a call counts as slow; unset turns slow-call tracking off.
     */
    private @Nullable Duration slowCallDuration;

    /**
     * Slow-call rate, a fraction between 0 (exclusive) and 1, at or above which the breaker
     * opens.
     */
    private @Nullable Double slowCallRateThreshold;

    /**
     * Longest a call may run before it fails as a timeout; unset for no timeout.
     */
    private @Nullable Duration callTimeout;

    /**
     * Time an open breaker rejects calls before it admits trial calls, before backoff.
     */
    private @Nullable Duration waitInOpen;

    /**
     * How the open wait grows after each failed recovery.
     */
    private final Backoff backoff = new Backoff();

    /**
     * Trial calls while half-open.
     */
    private final HalfOpen halfOpen = new HalfOpen();

    /**
     * Exception class names that count as failures; empty means every exception does.
     */
    private @Nullable List<String> recordExceptions;

    /**
     * Exception class names that count neither as success nor as failure.
     */
    private @Nullable List<String> ignoreExceptions;

    /**
     * Retry applied around the breaker to calls through CircuitProtected methods.
     */
    private final Retry retry = new Retry();

    /**
     * Keyed children, one per key such as a user or a tenant.
     */
    private final Keys keys = new Keys();

    /**
     * Whether this breaker being open makes the circuitBreakers health contributor DOWN.
     */
    private @Nullable Boolean healthCritical;

    /**
     * Whether the breaker rejects calls ('enforce') or runs every call and only counts the
     * calls it would have rejected ('shadow'), to try a configuration on live traffic.
     */
    private @Nullable BreakerMode mode;

    /**
     * How a failure that carries a retry hint, such as an HTTP 429 or 503 with a Retry-After
     * header, sets the open wait.
     */
    private final RetryAfter retryAfter = new RetryAfter();

    public @Nullable Double getFailureRateThreshold() {
        return this.failureRateThreshold;
    }

    public void setFailureRateThreshold(@Nullable Double failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    public @Nullable Integer getMinimumCalls() {
        return this.minimumCalls;
    }

    public void setMinimumCalls(@Nullable Integer minimumCalls) {
        this.minimumCalls = minimumCalls;
    }

    public @Nullable Integer getConsecutiveFailuresThreshold() {
        return this.consecutiveFailuresThreshold;
    }

    public void setConsecutiveFailuresThreshold(@Nullable Integer consecutiveFailuresThreshold) {
        this.consecutiveFailuresThreshold = consecutiveFailuresThreshold;
    }

    public SlidingWindow getSlidingWindow() {
        return this.slidingWindow;
    }

    public @Nullable Duration getSlowCallDuration() {
        return this.slowCallDuration;
    }

    public void setSlowCallDuration(@Nullable Duration slowCallDuration) {
        this.slowCallDuration = slowCallDuration;
    }

    public @Nullable Double getSlowCallRateThreshold() {
        return this.slowCallRateThreshold;
    }

    public void setSlowCallRateThreshold(@Nullable Double slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    public @Nullable Duration getCallTimeout() {
        return this.callTimeout;
    }

    public void setCallTimeout(@Nullable Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public @Nullable Duration getWaitInOpen() {
        return this.waitInOpen;
    }

    public void setWaitInOpen(@Nullable Duration waitInOpen) {
        this.waitInOpen = waitInOpen;
    }

    public Backoff getBackoff() {
        return this.backoff;
    }

    public HalfOpen getHalfOpen() {
        return this.halfOpen;
    }

    public @Nullable List<String> getRecordExceptions() {
        return this.recordExceptions;
    }

    public void setRecordExceptions(@Nullable List<String> recordExceptions) {
        this.recordExceptions = recordExceptions;
    }

    public @Nullable List<String> getIgnoreExceptions() {
        return this.ignoreExceptions;
    }

    public void setIgnoreExceptions(@Nullable List<String> ignoreExceptions) {
        this.ignoreExceptions = ignoreExceptions;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public Keys getKeys() {
        return this.keys;
    }

    public @Nullable Boolean getHealthCritical() {
        return this.healthCritical;
    }

    public void setHealthCritical(@Nullable Boolean healthCritical) {
        this.healthCritical = healthCritical;
    }

    public @Nullable BreakerMode getMode() {
        return this.mode;
    }

    public void setMode(@Nullable BreakerMode mode) {
        this.mode = mode;
    }

    public RetryAfter getRetryAfter() {
        return this.retryAfter;
    }

    /** The window of recent calls that rates are measured over. */
    public static class SlidingWindow {

        /**
         * Whether the window holds the last 'size' calls ('count') or the calls of the last
         * 'size' period ('time').
         */
        private @Nullable String type;

        /**
         * Size of the window: a number of calls for a count window (100), a duration with a
         * unit for a time window (60s).
         */
        private @Nullable String size;

        public @Nullable String getType() {
            return this.type;
        }

        public void setType(@Nullable String type) {
            this.type = type;
        }

        public @Nullable String getSize() {
            return this.size;
        }

        public void setSize(@Nullable String size) {
            this.size = size;
        }
    }

    /** How the open wait grows after each failed recovery. */
    public static class Backoff {

        /**
         * Factor, at least 1, that the open wait is multiplied by after each failed recovery.
         */
        private @Nullable Double multiplier;

        /**
         * Longest open wait.
         */
        private @Nullable Duration maxWait;

        /**
         * Random spread of the open wait, a fraction of it between 0 and 1, so that instances
         * do not retry in lockstep.
         */
        private @Nullable Double jitter;

        public @Nullable Double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(@Nullable Double multiplier) {
            this.multiplier = multiplier;
        }

        public @Nullable Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(@Nullable Duration maxWait) {
            this.maxWait = maxWait;
        }

        public @Nullable Double getJitter() {
            return this.jitter;
        }

        public void setJitter(@Nullable Double jitter) {
            this.jitter = jitter;
        }
    }

    /** Trial calls while half-open. */
    public static class HalfOpen {

        /**
         * Trial calls that may be in flight at once while half-open.
         */
        private @Nullable Integer permittedCalls;

        /**
         * Successful trial calls that close the breaker; at most permitted-calls.
         */
        private @Nullable Integer successThreshold;

        /**
         * Time a half-open breaker may stay undecided after its first trial call before it
         * opens again.
         */
        private @Nullable Duration maxWait;

        public @Nullable Integer getPermittedCalls() {
            return this.permittedCalls;
        }

        public void setPermittedCalls(@Nullable Integer permittedCalls) {
            this.permittedCalls = permittedCalls;
        }

        public @Nullable Integer getSuccessThreshold() {
            return this.successThreshold;
        }

        public void setSuccessThreshold(@Nullable Integer successThreshold) {
            this.successThreshold = successThreshold;
        }

        public @Nullable Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(@Nullable Duration maxWait) {
            this.maxWait = maxWait;
        }
    }

    /** Retry applied around the breaker. */
    public static class Retry {

        /**
         * Times a call is tried in all; 1 means no retry. No attempt is made into an open
         * breaker.
         */
        private @Nullable Integer maxAttempts;

        /**
         * Wait before the first retry.
         */
        private @Nullable Duration initialBackoff;

        /**
         * Factor, at least 1, that each further wait is multiplied by.
         */
        private @Nullable Double multiplier;

        /**
         * Longest wait between attempts.
         */
        private @Nullable Duration maxBackoff;

        /**
         * Random spread of each wait, a fraction of it between 0 and 1.
         */
        private @Nullable Double jitter;

        public @Nullable Integer getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(@Nullable Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public @Nullable Double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(@Nullable Double multiplier) {
            this.multiplier = multiplier;
        }

        public @Nullable Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public @Nullable Double getJitter() {
            return this.jitter;
        }

        public void setJitter(@Nullable Double jitter) {
            this.jitter = jitter;
        }
    }

    /** Keyed children, one per key such as a user or a tenant. */
    public static class Keys {

        /**
         * Most keyed children a breaker holds; idle and then least recently used closed
         * children make room.
         */
        private @Nullable Integer maxKeys;

        /**
         * Time a closed keyed child may stay unused before it is dropped.
         */
        private @Nullable Duration idleExpiry;

        public @Nullable Integer getMaxKeys() {
            return this.maxKeys;
        }

        public void setMaxKeys(@Nullable Integer maxKeys) {
            this.maxKeys = maxKeys;
        }

        public @Nullable Duration getIdleExpiry() {
            return this.idleExpiry;
        }

        public void setIdleExpiry(@Nullable Duration idleExpiry) {
            this.idleExpiry = idleExpiry;
        }
    }

    /** How a failure that carries a retry hint sets the open wait. */
    public static class RetryAfter {

        /**
         * Whether a failure that carries a retry hint makes the open wait that follows at least
         * that long, capped at backoff.max-wait.
         */
        private @Nullable Boolean honour;

        /**
         * Whether the first failure that carries a retry hint opens the breaker at once.
         */
        private @Nullable Boolean openImmediately;

        public @Nullable Boolean getHonour() {
            return this.honour;
        }

        public void setHonour(@Nullable Boolean honour) {
            this.honour = honour;
        }

        public @Nullable Boolean getOpenImmediately() {
            return this.openImmediately;
        }

        public void setOpenImmediately(@Nullable Boolean openImmediately) {
            this.openImmediately = openImmediately;
        }
    }
}
